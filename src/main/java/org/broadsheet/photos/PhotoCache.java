package org.broadsheet.photos;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

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

	private static final String MANIFEST = "manifest.json";

	/** Changed when the manifest's shape does, so that older entries are developed again. */
	private static final int VERSION = 1;

	private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}");

	private static final Pattern FILE = Pattern.compile("[0-9]{1,3}\\.bin");

	/** No manifest or developed file comes near this; a larger one is not ours. */
	private static final long MAX_FILE_BYTES = 16L << 20;

	/** A photo is developed into at most a dozen files: widths, formats and crops. */
	private static final int MAX_FILES = 64;

	/** A draft older than this was left by a process that stopped while writing it. */
	private static final java.time.Duration ABANDONED = java.time.Duration.ofHours(1);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** What an entry holds, written with it: every file by its name in the entry, and its SHA-256. */
	record Manifest(int version, String path, int width, int height, List<File> files) {
	}

	/** @param served where the file is served, such as {@code images/parade-800w-1a2b3c.webp} */
	record File(String kind, String mediaType, int width, int height, String name, String sha256, String served) {
	}

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

	/** The photo the entry holds, checked; null when there is none, or it fails a check (then it is removed). */
	Photo find(String key, String path) {
		Path entry = this.folder.resolve(key);
		if (!KEY.matcher(key).matches() || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
			return null;
		}
		try {
			Manifest manifest = JSON.readValue(read(entry, MANIFEST), Manifest.class);
			if (manifest.version() != VERSION || !path.equals(manifest.path()) || manifest.files() == null) {
				throw new IOException("it was written for another file, or by another version");
			}
			if (manifest.files().size() > MAX_FILES) {
				throw new IOException("it lists more files than a photo is developed into");
			}
			List<Variant> variants = new ArrayList<>();
			List<Variant> crops = new ArrayList<>();
			for (File file : manifest.files()) {
				("crop".equals(file.kind()) ? crops : variants).add(variant(entry, path, file));
			}
			Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
			return new Photo(path, manifest.width(), manifest.height(), false, variants, crops);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Discarding the photo cache entry " + entry + " (" + ex.getMessage() + "); " + path
					+ " is developed again");
			delete(entry);
			return null;
		}
	}

	/** A file of the entry, read and checked against its hash and the name it is served by. */
	private static Variant variant(Path entry, String path, File file) throws IOException {
		if (file.name() == null || !FILE.matcher(file.name()).matches()) {
			throw new IOException("it names a file outside itself");
		}
		String extension = switch (String.valueOf(file.mediaType())) {
			case "image/webp" -> ".webp";
			case "image/jpeg" -> ".jpg";
			default -> throw new IOException("it holds a file of an unknown type");
		};
		byte[] bytes = read(entry, file.name());
		byte[] digest = Fingerprint.sha256().digest(bytes);
		if (!MessageDigest.isEqual(digest, HexFormat.of().parseHex(String.valueOf(file.sha256())))) {
			throw new IOException(file.name() + " is not what was written");
		}
		String base = path.substring(0, path.lastIndexOf('.')) + "-";
		String served = String.valueOf(file.served());
		if (!served.startsWith(base) || !served.endsWith("-" + Fingerprint.hex(digest) + extension)
				|| !served.substring(base.length()).matches("(?:[0-9]+w|16x9|4x3|1x1)-[0-9a-f]+\\.(?:webp|jpg)")) {
			throw new IOException("it would serve a file under a name that is not its photo's");
		}
		return new Variant(served, file.mediaType(), file.width(), file.height(), bytes);
	}

	/** A regular file of the entry, never through a link, never a device or pipe, and bounded. */
	private static byte[] read(Path entry, String name) throws IOException {
		Path file = entry.resolve(name);
		BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		if (!attributes.isRegularFile() || attributes.size() > MAX_FILE_BYTES) {
			throw new IOException(name + " is not a file the cache wrote");
		}
		try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
			ByteBuffer bytes = ByteBuffer.allocate((int) attributes.size());
			while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
				// reads until full
			}
			if (bytes.hasRemaining() || channel.read(ByteBuffer.allocate(1)) >= 0) {
				throw new IOException(name + " changed as it was read");
			}
			return bytes.array();
		}
	}

	void store(String key, Photo photo) {
		Path entry = this.folder.resolve(key);
		Path draft = null;
		try {
			draft = Files.createTempDirectory(this.folder, ".draft-");
			List<File> files = new ArrayList<>();
			for (List<Variant> list : List.of(photo.variants(), photo.crops())) {
				String kind = (list == photo.variants()) ? "variant" : "crop";
				for (Variant variant : list) {
					String name = files.size() + ".bin";
					Files.write(draft.resolve(name), variant.bytes());
					files.add(new File(kind, variant.mediaType(), variant.width(), variant.height(), name,
							HexFormat.of().formatHex(Fingerprint.sha256().digest(variant.bytes())), variant.path()));
				}
			}
			Files.write(draft.resolve(MANIFEST), JSON.writeValueAsBytes(new Manifest(VERSION, photo.path(),
					photo.width(), photo.height(), files)));
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
				delete(draft);
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
				.forEach(PhotoCache::delete);
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

	/**
	 * Removes an entry without ever following a link: each folder is opened relative to its parent's
	 * open handle, refusing a link, so that swapping a folder for a link meanwhile removes only the link.
	 */
	private static void delete(Path entry) {
		try (DirectoryStream<Path> parent = Files.newDirectoryStream(entry.getParent())) {
			if (parent instanceof SecureDirectoryStream<Path> secure) {
				delete(secure, entry.getFileName());
				return;
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot remove " + entry + " from the photo cache (" + ex + ")");
			return;
		}
		try {
			FileSystemUtils.deleteRecursively(entry);
		}
		catch (IOException ex) {
			logger.warn("Cannot remove " + entry + " from the photo cache (" + ex + ")");
		}
	}

	private static void delete(SecureDirectoryStream<Path> folder, Path name) throws IOException {
		BasicFileAttributes attributes = folder.getFileAttributeView(name, BasicFileAttributeView.class,
				LinkOption.NOFOLLOW_LINKS).readAttributes();
		if (attributes.isDirectory()) {
			try (SecureDirectoryStream<Path> inside = folder.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
				for (Path child : inside) {
					delete(inside, child.getFileName());
				}
			}
			folder.deleteDirectory(name);
		}
		else {
			folder.deleteFile(name);
		}
	}

}
