package org.broadsheet.publishing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.broadsheet.article.ControlCharacters;

/**
 * What an export folder holds: the files the earlier export wrote, as its manifest lists them, and
 * every other file, which is the user's ({@code CNAME}, {@code .git}) and must not be lost. Reading it
 * refuses, before anything is written or moved, whatever a new export could only do by replacing or
 * removing a file of theirs.
 *
 * @param ours what the earlier export wrote
 * @param theirs every other file or link in the folder
 */
record ExportManifest(Set<String> ours, List<String> theirs) {

	static final String NAME = ".broadsheet-export";

	/** A path an export writes: folders and a file, each named without dots or slashes of its own. */
	private static final Pattern SITE_PATH = Pattern.compile("(?:[A-Za-z0-9_][A-Za-z0-9._-]*/)*[A-Za-z0-9_][A-Za-z0-9._-]*");

	/**
	 * @param files what the new export writes
	 * @throws IOException refusing the export, with the sentence that says why
	 */
	static ExportManifest of(Path folder, Set<String> files) throws IOException {
		Set<String> ours = earlierExport(folder);
		List<String> theirs = theirs(folder, ours);
		for (String path : theirs) {
			// theirs where the export writes a file, or a folder (a link among them), or a file inside one
			if (files.contains(path) || files.stream()
				.anyMatch((name) -> name.startsWith(path + "/") || path.startsWith(name + "/"))) {
				throw new IOException("Refusing to export into " + folder + ": it holds " + path
						+ ", which Broadsheet did not write and would replace; move it away first");
			}
			// a link of theirs in place of a folder of the earlier export's, which removing its files would go through
			if (ours.stream().anyMatch((name) -> name.startsWith(path + "/"))) {
				throw new IOException("Refusing to export into " + folder + ": " + path + " is not the folder the "
						+ "earlier export wrote (it is a file or a link of yours); move it away first");
			}
		}
		return new ExportManifest(ours, theirs);
	}

	/** Writes the manifest of what an export wrote into its folder. */
	static void write(Path folder, Set<String> files) throws IOException {
		Files.writeString(folder.resolve(NAME), "# The files Broadsheet's export wrote here. The next export "
				+ "removes those it no longer writes, and keeps every other file.\n"
				+ String.join("\n", new TreeSet<>(files)) + "\n", StandardCharsets.UTF_8);
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
		Path manifest = folder.resolve(NAME);
		if (Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
			Set<String> ours = new TreeSet<>();
			for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
				if (!line.isBlank() && !line.startsWith("#")) {
					String path = line.strip();
					if (!SITE_PATH.matcher(path).matches()) {
						throw new IOException("Refusing to export into " + folder + ": its " + NAME + " names \""
								+ ControlCharacters.escaped(path) + "\", which is not a file inside it; "
								+ "remove that line, or export into a new folder");
					}
					ours.add(path);
				}
			}
			return ours;
		}
		try (Stream<Path> entries = Files.list(folder)) {
			if (entries.findAny().isPresent()) {
				throw new IOException("Refusing to export into " + folder + ": it holds files that no Broadsheet "
						+ "export wrote (there is no " + NAME + " in it); export into an empty or new folder, "
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
				if (!ours.contains(relative) && !relative.equals(NAME)) {
					theirs.add(relative);
				}
			}
		}
		return theirs;
	}

}
