package org.broadsheet.photos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Developed photos on disk, one folder each, named by a hash of the camera file, its path and the way
 * it was developed: a restart finds them instead of developing them again. A folder is written beside
 * its place and moved in whole, so that a crash, or a second instance on the same machine, never
 * leaves half of one. The cache is kept under a size limit by removing the folders least recently
 * used, never one in use.
 */
final class PhotoCache {

	private static final Log logger = LogFactory.getLog(PhotoCache.class);

	private static final String MANIFEST = "photo.txt";

	private final Path folder;

	private final long limit;

	PhotoCache(Path folder, long limitBytes) {
		this.folder = folder;
		this.limit = limitBytes;
	}

	Photo find(String key) {
		Path entry = this.folder.resolve(key);
		Path manifest = entry.resolve(MANIFEST);
		if (!Files.isRegularFile(manifest)) {
			return null;
		}
		try {
			List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
			String[] head = lines.get(0).split(" ", 4);
			List<Variant> variants = new ArrayList<>();
			List<Variant> crops = new ArrayList<>();
			for (String line : lines.subList(1, lines.size())) {
				String[] field = line.split(" ", 6);
				Variant variant = new Variant(field[5], field[1], Integer.parseInt(field[2]), Integer.parseInt(field[3]),
						Files.readAllBytes(entry.resolve(field[4])));
				("crop".equals(field[0]) ? crops : variants).add(variant);
			}
			Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
			return new Photo(head[3], Integer.parseInt(head[1]), Integer.parseInt(head[2]), false, variants, crops);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Ignoring the unreadable photo cache entry " + entry + " (" + ex + ")");
			return null;
		}
	}

	void store(String key, Photo photo) {
		Path entry = this.folder.resolve(key);
		Path draft = null;
		try {
			Files.createDirectories(this.folder);
			draft = Files.createTempDirectory(this.folder, ".draft-");
			StringBuilder manifest = new StringBuilder("photo " + photo.width() + " " + photo.height() + " "
					+ photo.path() + "\n");
			int index = 0;
			for (List<Variant> list : List.of(photo.variants(), photo.crops())) {
				String kind = (list == photo.variants()) ? "variant" : "crop";
				for (Variant variant : list) {
					String file = (index++) + ".bin";
					Files.write(draft.resolve(file), variant.bytes());
					manifest.append(kind).append(' ').append(variant.mediaType()).append(' ').append(variant.width())
						.append(' ').append(variant.height()).append(' ').append(file).append(' ')
						.append(variant.path()).append('\n');
				}
			}
			Files.writeString(draft.resolve(MANIFEST), manifest, StandardCharsets.UTF_8);
			Files.move(draft, entry, StandardCopyOption.ATOMIC_MOVE);
			draft = null;
		}
		catch (FileAlreadyExistsException | DirectoryNotEmptyException ex) {
			// another instance developed the same photo first
		}
		catch (AtomicMoveNotSupportedException ex) {
			logger.warn("Not caching developed photos in " + this.folder + ": it cannot move folders atomically");
		}
		catch (IOException ex) {
			logger.warn("Cannot cache a developed photo in " + this.folder + " (" + ex + "); it will be developed "
					+ "again at the next start");
		}
		finally {
			if (draft != null) {
				delete(draft);
			}
		}
	}

	/** Removes the least recently used entries, but none of those in use, until the cache fits its limit. */
	void prune(Set<String> inUse) {
		if (!Files.isDirectory(this.folder)) {
			return;
		}
		try (Stream<Path> children = Files.list(this.folder)) {
			List<Path> entries = new ArrayList<>(children.filter(Files::isDirectory).toList());
			entries.sort(Comparator.comparing(PhotoCache::lastUsed));
			long total = 0;
			for (Path entry : entries) {
				total += size(entry);
			}
			for (Path entry : entries) {
				if (total <= this.limit) {
					break;
				}
				if (!inUse.contains(entry.getFileName().toString())) {
					total -= size(entry);
					delete(entry);
				}
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot prune the photo cache in " + this.folder + " (" + ex + ")");
		}
	}

	private static FileTime lastUsed(Path entry) {
		try {
			return Files.getLastModifiedTime(entry);
		}
		catch (IOException ex) {
			return FileTime.fromMillis(0);
		}
	}

	private static long size(Path entry) {
		try (Stream<Path> files = Files.walk(entry)) {
			return files.filter(Files::isRegularFile).mapToLong((file) -> file.toFile().length()).sum();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static void delete(Path entry) {
		try (Stream<Path> files = Files.walk(entry)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot remove " + entry + " from the photo cache (" + ex + ")");
		}
	}

}
