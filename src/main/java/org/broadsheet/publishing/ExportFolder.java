package org.broadsheet.publishing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

	static final String MANIFEST = ".broadsheet-export";

	private ExportFolder() {
	}

	/** @param files the site's files, by their path relative to the folder */
	static void write(Path target, Map<String, byte[]> files) throws IOException {
		Path folder = target.toAbsolutePath().normalize();
		Path parent = folder.getParent();
		if (parent == null) {
			throw new IOException("Refusing to export into " + folder + ": give a folder of its own");
		}
		Set<String> ours = earlierExport(folder);
		Files.createDirectories(parent);
		Path staging = Files.createTempDirectory(parent, "." + folder.getFileName() + ".broadsheet-");
		try {
			for (Map.Entry<String, byte[]> file : files.entrySet()) {
				Path path = inside(staging, file.getKey());
				Files.createDirectories(path.getParent());
				Files.write(path, file.getValue());
			}
			Files.writeString(staging.resolve(MANIFEST), "# The files Broadsheet's export wrote here. The next export "
					+ "removes those it no longer writes, and keeps every other file.\n"
					+ String.join("\n", new TreeSet<>(files.keySet())) + "\n", StandardCharsets.UTF_8);
			List<String> theirs = theirs(folder, ours);
			for (String path : theirs) {
				if (files.containsKey(path) || files.keySet().stream().anyMatch((name) -> name.startsWith(path + "/"))) {
					throw new IOException("Refusing to export into " + folder + ": it holds " + path
							+ ", which Broadsheet did not write and would replace; move it away first");
				}
			}
			if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
				Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
				staging = null;
				return;
			}
			Path previous = Files.createTempDirectory(parent, "." + folder.getFileName() + ".previous-");
			Files.delete(previous);
			Files.move(folder, previous, StandardCopyOption.ATOMIC_MOVE);
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
	 * What the export in the folder wrote, from its manifest; nothing when the folder does not exist or
	 * is empty. A folder holding files but no manifest was not written by Broadsheet, and is refused.
	 */
	private static Set<String> earlierExport(Path folder) throws IOException {
		if (Files.isSymbolicLink(folder)) {
			throw new IOException("Refusing to export into " + folder + ": it is a link; give the real folder");
		}
		if (!Files.exists(folder)) {
			return Set.of();
		}
		if (!Files.isDirectory(folder)) {
			throw new IOException("Refusing to export into " + folder + ": it is a file, not a folder");
		}
		Path manifest = folder.resolve(MANIFEST);
		if (Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
			Set<String> ours = new TreeSet<>();
			for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
				if (!line.isBlank() && !line.startsWith("#")) {
					ours.add(line.strip());
				}
			}
			return ours;
		}
		try (Stream<Path> entries = Files.list(folder)) {
			if (entries.findAny().isPresent()) {
				throw new IOException("Refusing to export into " + folder + ": it holds files that no Broadsheet "
						+ "export wrote (there is no " + MANIFEST + " in it); export into an empty or new folder, "
						+ "so that none of them is overwritten or lost");
			}
		}
		return Set.of();
	}

	/** The files, and links, in the folder that the earlier export did not write. */
	private static List<String> theirs(Path folder, Set<String> ours) throws IOException {
		List<String> theirs = new ArrayList<>();
		if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
			return theirs;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.filter((each) -> !Files.isDirectory(each, LinkOption.NOFOLLOW_LINKS)).toList()) {
				String relative = folder.relativize(path).toString().replace('\\', '/');
				if (!ours.contains(relative) && !relative.equals(MANIFEST)) {
					theirs.add(relative);
				}
			}
		}
		return theirs;
	}

	/** Removes what the earlier export wrote, then its folder, unless something else is left in it. */
	private static void removeEarlier(Path previous, Set<String> ours) throws IOException {
		for (String path : ours) {
			Files.deleteIfExists(inside(previous, path));
		}
		Files.deleteIfExists(previous.resolve(MANIFEST));
		try (Stream<Path> folders = Files.walk(previous)) {
			for (Path folder : folders.sorted(Comparator.reverseOrder()).toList()) {
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
