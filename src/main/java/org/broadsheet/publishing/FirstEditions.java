package org.broadsheet.publishing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
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
import org.broadsheet.BroadsheetProperties;
import org.broadsheet.article.Article;
import org.broadsheet.article.ControlCharacters;
import org.broadsheet.article.Picture;
import org.broadsheet.edition.Edition;
import org.broadsheet.edition.EditionFile;
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

	private static final int KEPT = 4;

	private static final String FILE = "file ";

	/** Keeps nothing. */
	static final FirstEditions NONE = new FirstEditions(null, () -> null);

	private final Path folder;

	private final Supplier<String> identity;

	/** What names the build, asked once on the printer's thread (it reads the jars' directories). */
	private volatile String build;

	private FirstEditions(Path folder, Supplier<String> build) {
		this.folder = folder;
		this.identity = build;
	}

	/**
	 * @param folder the photo cache's folder, already found safe, or null to keep nothing
	 * @param build what names this build, or null when it cannot be named (then nothing is kept)
	 */
	static FirstEditions in(Path folder, Supplier<String> build) {
		return (folder != null) ? new FirstEditions(folder, build) : NONE;
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

	/** What names the edition of these bytes of the article: all that its printing reads but the photos. */
	String key(ArticleSource source, byte[] article, BroadsheetProperties properties) {
		MessageDigest digest = BuildIdentity.sha256();
		for (String part : List.of("broadsheet first edition 1", this.build, source.name(),
				source.lastModified().toString(), properties.toString(), Locale.getDefault().toLanguageTag(),
				TimeZone.getDefault().getID(), Integer.toString(article.length))) {
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
		Path file = this.folder.resolve(PREFIX + key + ".bin");
		byte[] bytes;
		try {
			bytes = read(file);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (IOException ex) {
			discard(file, ex.getMessage());
			return null;
		}
		EditionFile.Read read;
		try {
			read = EditionFile.read(bytes);
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

	/** Keeps the first edition printed from this article, replacing any kept under the key. */
	void store(String key, Edition edition, Article article, ImageFiles images) {
		if (!kept()) {
			return;
		}
		Map<String, String> notes = new LinkedHashMap<>();
		notes.put("key", key);
		for (Picture picture : article.pictures()) {
			String sum = sha256(images, picture.path());
			if (sum == null) {
				return;
			}
			notes.put(FILE + picture.path(), sum);
		}
		Path draft = null;
		try {
			byte[] bytes = EditionFile.write(edition, notes);
			draft = Files.createTempFile(this.folder, ".draft-", ".bin");
			Files.write(draft, bytes);
			Files.move(draft, this.folder.resolve(PREFIX + key + ".bin"), StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
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

	/** The file, never through a link, and no larger than a third of the heap, which holds what it serves. */
	private static byte[] read(Path file) throws IOException {
		BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		if (!attributes.isRegularFile()) {
			throw new IOException("it is not a file");
		}
		long limit = Runtime.getRuntime().maxMemory() / 3;
		if (attributes.size() > limit) {
			throw new IOException("it is larger than a third of the heap");
		}
		Set<OpenOption> options = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
		try (SeekableByteChannel channel = Files.newByteChannel(file, options)) {
			ByteBuffer buffer = ByteBuffer.allocate((int) attributes.size());
			while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
				// reads to the size first seen: a file that grew meanwhile fails its checksum
			}
			return buffer.array();
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
		MessageDigest digest = BuildIdentity.sha256();
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
