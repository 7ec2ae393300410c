package org.broadsheet.photos;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;

/**
 * Developed photos on disk, one folder each, named by a hash of the camera file, its path and the way
 * it was developed: a restart finds them instead of developing them again. A folder is written beside
 * its place and moved in whole, so that a crash, or a second instance on the same machine, never
 * leaves half of one. The cache is kept under a size limit by removing the folders least recently
 * used, never one in use.
 * <p>
 * What is read back is served as the article's photos for a year, so nothing in the folder is taken
 * on trust: the folder must be this user's and writable by no one else ({@link CacheFolder}), an
 * entry names only files inside itself, each is checked against the SHA-256 its manifest recorded
 * when it was written, and an entry that fails is discarded and developed again, never served.
 */
final class PhotoCache {

	private static final Log logger = LogFactory.getLog(PhotoCache.class);

	private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");

	/** A draft older than this was left by a process that stopped while writing it. */
	private static final java.time.Duration ABANDONED = java.time.Duration.ofHours(1);

	private final Path folder;

	private final long limit;

	private PhotoCache(Path folder, long limitBytes) {
		this.folder = folder;
		this.limit = limitBytes;
	}

	/**
	 * The cache in a folder, made private to this user if it does not exist yet; null, with one warning,
	 * when the folder is not safe to trust, so that photos are then kept in memory only.
	 */
	static PhotoCache open(Path folder, long limitBytes) {
		String unsafe = CacheFolder.prepare(folder);
		if (unsafe != null) {
			logger.warn("Not keeping developed photos in " + folder + ": " + unsafe + ". Another user of this machine "
					+ "could put files there that would be served as the article's photos; they are developed in "
					+ "memory only. Point broadsheet.photo-cache at a folder of your own (mode 700), or leave it out "
					+ "for " + CacheFolder.standard());
			return null;
		}
		return new PhotoCache(folder, limitBytes);
	}

	/** The folder, found safe when the cache was opened. */
	Path folder() {
		return this.folder;
	}

	/** The photo the entry holds, checked; null when there is none, or it fails a check (then it is removed). */
	Photo find(String key, String path) {
		Path entry = this.folder.resolve(key);
		if (!KEY.matcher(key).matches() || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
			return null;
		}
		try {
			Photo photo = CacheEntry.read(entry, path);
			Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
			return photo;
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Discarding the photo cache entry " + entry + " (" + ex.getMessage() + "); " + path
					+ " is developed again");
			CacheFolder.remove(entry);
			return null;
		}
	}

	void store(String key, Photo photo) {
		Path entry = this.folder.resolve(key);
		Path draft = null;
		try {
			draft = Files.createTempDirectory(this.folder, ".draft-");
			CacheEntry.write(draft, photo);
			Files.move(draft, entry, StandardCopyOption.ATOMIC_MOVE);
			draft = null;
		}
		catch (FileAlreadyExistsException | DirectoryNotEmptyException ex) {
			// another instance developed the same photo first
		}
		catch (AtomicMoveNotSupportedException ex) {
			logger.warn("Not caching developed photos in " + this.folder + ": it cannot move folders atomically");
		}
		catch (IOException | JacksonException ex) {
			logger.warn("Cannot cache a developed photo in " + this.folder + " (" + ex + "); it will be developed "
					+ "again at the next start");
		}
		finally {
			if (draft != null) {
				CacheFolder.remove(draft);
			}
		}
	}

	/** Removes the least recently used entries, but none of those in use, until the cache fits its limit. */
	void prune(Set<String> inUse) {
		if (!Files.isDirectory(this.folder, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (Stream<Path> drafts = Files.list(this.folder)) {
			Instant abandoned = Instant.now().minus(ABANDONED);
			drafts.filter((child) -> child.getFileName().toString().startsWith(".draft-")
					&& lastUsed(child).toInstant().isBefore(abandoned))
				.forEach(CacheFolder::remove);
		}
		catch (IOException ex) {
			logger.warn("Cannot prune the photo cache in " + this.folder + " (" + ex + ")");
		}
		try (Stream<Path> children = Files.list(this.folder)) {
			List<Path> entries = new ArrayList<>(children
				.filter((child) -> Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
						&& KEY.matcher(child.getFileName().toString()).matches())
				.toList());
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
					CacheFolder.remove(entry);
				}
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot prune the photo cache in " + this.folder + " (" + ex + ")");
		}
	}

	private static FileTime lastUsed(Path entry) {
		try {
			return Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException ex) {
			return FileTime.fromMillis(0);
		}
	}

	private static long size(Path entry) {
		try (Stream<Path> files = Files.walk(entry)) {
			return files.filter((file) -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
				.mapToLong((file) -> file.toFile().length())
				.sum();
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

}
