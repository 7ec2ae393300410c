package org.broadsheet.publishing;

import java.io.IOException;
import java.security.SecureRandom;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.util.FileSystemUtils;

/**
 * Puts an export in its folder so that nothing is lost. The site is written whole into a new folder
 * beside it, then moved into place, so that an export that fails leaves the previous one as it was;
 * nothing is written through a link, since only new files in a new folder are written. A manifest
 * lists what the export wrote: the next one removes those of them it no longer writes, and keeps every
 * other file in the folder, which it did not write.
 */
final class ExportFolder {

	private static final Log logger = LogFactory.getLog(ExportFolder.class);

	static final String MANIFEST = ExportManifest.NAME;

	private static final SecureRandom RANDOM = new SecureRandom();

	private ExportFolder() {
	}

	/** @param files the site's files, by their path relative to the folder */
	static void write(Path target, Map<String, byte[]> files) throws IOException {
		Path folder = target.toAbsolutePath().normalize();
		Path parent = folder.getParent();
		if (parent == null) {
			throw new IOException("Refusing to export into " + folder + ": give a folder of its own");
		}
		// every refusal comes before anything is written or moved
		ExportManifest earlier = ExportManifest.of(folder, files.keySet());
		Set<String> ours = earlier.ours();
		List<String> theirs = earlier.theirs();
		Files.createDirectories(parent);
		if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) && mountPoint(folder, parent)) {
			writeInPlace(folder, files, ours);
			return;
		}
		Path staging = newFolder(parent, "." + folder.getFileName() + ".broadsheet-");
		try {
			writeAll(staging, files);
			if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
				Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
				staging = null;
				return;
			}
			Path previous = newFolder(parent, "." + folder.getFileName() + ".previous-");
			Files.delete(previous);
			try {
				Files.move(folder, previous, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (FileSystemException ex) {
				// a mount point that did not look like one (a bind mount on the same device): replace its files instead
				logger.debug("Cannot move " + folder + " aside (" + ex + "); exporting into it file by file");
				writeInPlace(folder, files, ours);
				return;
			}
			Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
			staging = null;
			for (String path : theirs) {
				Path destination = inside(folder, path);
				Files.createDirectories(destination.getParent());
				Files.move(previous.resolve(path), destination, StandardCopyOption.ATOMIC_MOVE);
			}
			removeEarlier(previous, ours);
		}
		finally {
			if (staging != null) {
				removeTree(staging);
			}
		}
	}

	/**
	 * Writes the site and its manifest into a folder. Folders and files are made as the user's umask
	 * makes any, so that the web server the site is for can read them, and {@code rsync -a} carries
	 * those modes, not a temporary folder's private one.
	 */
	private static void writeAll(Path folder, Map<String, byte[]> files) throws IOException {
		for (Map.Entry<String, byte[]> file : files.entrySet()) {
			Path path = inside(folder, file.getKey());
			Files.createDirectories(path.getParent());
			Files.write(path, file.getValue());
		}
		ExportManifest.write(folder, files.keySet());
	}

	/**
	 * Exports into a folder that cannot be moved, such as a mount point ({@code docker run -v
	 * ...:/site}): written whole beside its files inside it first, then each moved over the one it
	 * replaces, which is atomic file by file; the manifest goes last, then what the earlier export
	 * wrote and this one does not is removed.
	 */
	private static void writeInPlace(Path folder, Map<String, byte[]> files, Set<String> ours) throws IOException {
		Path staging = newFolder(folder, ".broadsheet-");
		try {
			writeAll(staging, files);
			for (String path : files.keySet()) {
				Path destination = inside(folder, path);
				Files.createDirectories(destination.getParent());
				Files.move(staging.resolve(path), destination, StandardCopyOption.ATOMIC_MOVE,
						StandardCopyOption.REPLACE_EXISTING);
			}
			Files.move(staging.resolve(MANIFEST), folder.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
			for (String path : ours) {
				if (!files.containsKey(path)) {
					Path stale = inside(folder, path);
					if (!Files.isDirectory(stale, LinkOption.NOFOLLOW_LINKS)) {
						Files.deleteIfExists(stale);
					}
				}
			}
		}
		finally {
			removeTree(staging);
		}
	}

	/** Whether a folder is another filesystem's root, mounted here: it cannot be renamed. */
	private static boolean mountPoint(Path folder, Path parent) {
		try {
			return !Files.getAttribute(folder, "unix:dev", LinkOption.NOFOLLOW_LINKS)
				.equals(Files.getAttribute(parent, "unix:dev"));
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			return false;
		}
	}

	/** A new folder with a name of its own, made as {@link Files#createDirectory} makes any: umask applies. */
	private static Path newFolder(Path parent, String prefix) throws IOException {
		for (int attempt = 0;; attempt++) {
			Path folder = parent.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36));
			try {
				return Files.createDirectory(folder);
			}
			catch (FileAlreadyExistsException ex) {
				if (attempt == 10) {
					throw ex;
				}
			}
		}
	}

	/** Removes what the earlier export wrote, then its folder, unless something else is left in it. */
	private static void removeEarlier(Path previous, Set<String> ours) throws IOException {
		for (String path : ours) {
			// a link in its place is removed as a link; a folder is not the export's
			Path file = inside(previous, path);
			if (!Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
				Files.deleteIfExists(file);
			}
		}
		Files.deleteIfExists(previous.resolve(MANIFEST));
		try (Stream<Path> folders = Files.walk(previous)) {
			for (Path folder : folders.filter((each) -> Files.isDirectory(each, LinkOption.NOFOLLOW_LINKS))
				.sorted(Comparator.reverseOrder())
				.toList()) {
				try (Stream<Path> left = Files.list(folder)) {
					if (left.findAny().isEmpty()) {
						Files.delete(folder);
					}
				}
			}
		}
		if (Files.exists(previous)) {
			logger.warn("Left " + previous + " in place: it holds files the export did not write");
		}
	}

	private static Path inside(Path folder, String relative) throws IOException {
		Path path = folder.resolve(relative).normalize();
		if (!path.startsWith(folder) || path.equals(folder)) {
			throw new IOException("Refusing to write outside " + folder + ": " + relative);
		}
		return path;
	}

	private static void removeTree(Path folder) {
		try {
			FileSystemUtils.deleteRecursively(folder);
		}
		catch (IOException ex) {
			logger.warn("Could not remove " + folder + " (" + ex + ")");
		}
	}

}
