package org.broadsheet.publishing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.broadsheet.article.Article;
import org.broadsheet.article.ControlCharacters;
import org.broadsheet.article.Picture;
import org.broadsheet.edition.Edition;
import org.broadsheet.edition.EditionFile;
import org.broadsheet.photos.Fingerprint;
import org.broadsheet.photos.ImageFiles;

/**
 * The article's first edition as the last start printed it, kept beside the developed photos, so that
 * a restart serves the article at once and prints it again once the application is ready. It is named
 * by all that the printing reads: the build ({@link BuildIdentity}), the article's file, its name and
 * date, the settings, the JVM's locale and time zone; and it records a SHA-256 of each photo the
 * article shows, each checked against the file before the edition is served. The publication prints
 * the article again seconds later and serves what it prints, saying so if that differs.
 * <p>
 * Only a published article is kept: never a preview, whose every save is printed, nor an export.
 */
final class FirstEditions {

	private static final Log logger = LogFactory.getLog(FirstEditions.class);

	/** How the photo cache's folder names these, beside the photos' own folders, and how many it keeps. */
	private static final String PREFIX = "edition-";

	private static final Pattern NAME = Pattern.compile(PREFIX + "[0-9a-f]{64}\\.bin");

	/**
	 * The two most recently used: the article this machine serves and the one it served before (a
	 * second build beside the first); outside the photo cache's limit, each at most an eighth of the heap.
	 */
	private static final int KEPT = 2;

	private static final String FILE = "file ";

	/** Keeps nothing. */
	static final FirstEditions NONE = new FirstEditions(null, () -> null, 0);

	private final Path folder;

	private final Supplier<String> identity;

	/** The largest edition kept, or read back: a restart holds the one read back and the one printed again. */
	private final long limit;

	/** What names the build, asked once on the printer's thread (it reads the jars' directories). */
	private volatile String build;

	private FirstEditions(Path folder, Supplier<String> build, long limit) {
		this.folder = folder;
		this.identity = build;
		this.limit = limit;
	}

	/**
	 * Keeps editions of up to an eighth of the heap, on a file system whose owners and modes the photo
	 * cache's folder was checked by (elsewhere it cannot tell whose a file is, and keeps none).
	 * @param folder the photo cache's folder, already found safe, or null to keep nothing
	 * @param build what names this build, or null when it cannot be named (then nothing is kept)
	 */
	static FirstEditions in(Path folder, Supplier<String> build) {
		boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
		return posix ? in(folder, build, Runtime.getRuntime().maxMemory() / 8) : NONE;
	}

	static FirstEditions in(Path folder, Supplier<String> build, long limitBytes) {
		return (folder != null) ? new FirstEditions(folder, build, limitBytes) : NONE;
	}

	/** Whether editions are kept: a safe folder, and a build to name them by. */
	boolean kept() {
		if (this.folder == null) {
			return false;
		}
		String build = this.build;
		if (build == null) {
			build = this.identity.get();
			this.build = (build != null) ? build : "";
		}
		return !this.build.isEmpty();
	}

	/**
	 * What names the edition of these bytes of the article: all that its printing reads but the photos.
	 * @param settings the settings it is printed with, as text
	 */
	String key(ArticleSource source, byte[] article, String settings) {
		MessageDigest digest = Fingerprint.sha256();
		for (String part : List.of("broadsheet first edition 1", this.build, source.name(),
				source.lastModified().toString(), settings, Locale.getDefault().toLanguageTag(),
				TimeZone.getDefault().getID(), System.getProperty("java.home", ""),
				System.getProperty("java.runtime.version", ""), Integer.toString(article.length))) {
			digest.update(part.getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
		}
		digest.update(article);
		return HexFormat.of().formatHex(digest.digest());
	}

	/**
	 * The edition kept under this key, if its photos are still the files it was printed with; null when
	 * there is none, or it fails a check (a damaged one is removed).
	 */
	Edition find(String key, ImageFiles images) {
		if (!kept()) {
			return null;
		}
		Path file = file(key);
		EditionFile.Read read;
		try {
			read = read(file);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (IOException ex) {
			discard(file, ex.getMessage());
			return null;
		}
		if (!key.equals(read.notes().get("key"))) {
			discard(file, "it was written for another article or build");
			return null;
		}
		for (Map.Entry<String, String> note : read.notes().entrySet()) {
			if (note.getKey().startsWith(FILE)) {
				String path = note.getKey().substring(FILE.length());
				if (!note.getValue().equals(sha256(images, path))) {
					logger.debug("Printing the first edition afresh: " + path + " changed since it was printed");
					return null;
				}
			}
		}
		try {
			Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
		}
		catch (IOException ex) {
			// only the pruning's order depends on it
		}
		return read.edition();
	}

	/**
	 * Keeps the first edition printed from this article, replacing any kept under the key.
	 * @param photos a SHA-256 of each photo's file, by its path, as the printing read it; null keeps nothing
	 */
	void store(String key, Edition edition, Map<String, String> photos) {
		if (!kept() || photos == null) {
			return;
		}
		long size = EditionFile.size(edition);
		if (size > this.limit) {
			logger.info("Not keeping the printed article for the next start: it takes " + megabytes(size) + ", more "
					+ "than an eighth of the heap (" + megabytes(this.limit) + "); the next start prints it first");
			return;
		}
		Map<String, String> notes = new LinkedHashMap<>();
		notes.put("key", key);
		photos.forEach((path, sum) -> notes.put(FILE + path, sum));
		Path draft = null;
		try {
			draft = Files.createTempFile(this.folder, ".draft-", ".bin");
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(draft))) {
				EditionFile.write(edition, notes, out);
			}
			Files.move(draft, file(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			draft = null;
			prune();
		}
		catch (IOException | RuntimeException ex) {
			logger.warn(ControlCharacters.escaped("Cannot keep the printed article in " + this.folder + " (" + ex
					+ "); the next start prints it before it serves it"));
		}
		finally {
			if (draft != null) {
				try {
					Files.deleteIfExists(draft);
				}
				catch (IOException ex) {
					// the photo cache's pruning removes abandoned drafts
				}
			}
		}
	}

	/** Removes the edition kept under the key, so that no later start serves it. */
	void forget(String key) {
		if (kept()) {
			try {
				Files.deleteIfExists(file(key));
			}
			catch (IOException ex) {
				logger.warn("Cannot remove " + file(key) + " (" + ex + "); remove it by hand, or the next start serves it");
			}
		}
	}

	/** A SHA-256 of the file of each photo the article shows, as it is now; null when one cannot be read. */
	static Map<String, String> photos(Article article, ImageFiles images) {
		Map<String, String> sums = new LinkedHashMap<>();
		for (Picture picture : article.pictures()) {
			String sum = sha256(images, picture.path());
			if (sum == null) {
				return null;
			}
			sums.put(picture.path(), sum);
		}
		return sums;
	}

	private Path file(String key) {
		return this.folder.resolve(PREFIX + key + ".bin");
	}

	private static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
	}

	/** The file, never through a link, read as it goes, and no larger than the limit (and its notes). */
	private EditionFile.Read read(Path file) throws IOException {
		BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		if (!attributes.isRegularFile()) {
			throw new IOException("it is not a file");
		}
		if (attributes.size() > this.limit + 1048576) {
			throw new IOException("it is larger than an eighth of the heap");
		}
		Set<OpenOption> options = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
		try (InputStream in = new BufferedInputStream(Channels.newInputStream(Files.newByteChannel(file, options)))) {
			return EditionFile.read(in, attributes.size());
		}
	}

	private void discard(Path file, String why) {
		logger.warn(ControlCharacters.escaped("Discarding the printed article " + file + " (" + why
				+ "); it is printed again"));
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// printed afresh, and written over, all the same
		}
	}

	/** A SHA-256 of the photo's file as it is now, or null when it cannot be read. */
	private static String sha256(ImageFiles images, String path) {
		MessageDigest digest = Fingerprint.sha256();
		try (InputStream in = images.open(path)) {
			if (in == null) {
				return null;
			}
			byte[] buffer = new byte[64 * 1024];
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				digest.update(buffer, 0, read);
			}
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/** Keeps the editions most recently used, for the articles this machine serves. */
	private void prune() throws IOException {
		List<Path> editions;
		try (Stream<Path> children = Files.list(this.folder)) {
			editions = children.filter((child) -> NAME.matcher(child.getFileName().toString()).matches())
				.sorted(Comparator.comparing(FirstEditions::lastUsed).reversed())
				.toList();
		}
		for (Path old : editions.subList(Math.min(KEPT, editions.size()), editions.size())) {
			Files.deleteIfExists(old);
		}
	}

	private static FileTime lastUsed(Path file) {
		try {
			return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException ex) {
			return FileTime.fromMillis(0);
		}
	}

}
