package org.broadsheet.photos;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

/**
 * One developed photo on disk, as {@link PhotoCache} keeps it: its files, each named by its place in
 * the entry, and a manifest that says what each is and records its SHA-256. An entry is read back only
 * as it was written: files inside itself, regular, bounded, and exactly the bytes the manifest names.
 */
final class CacheEntry {

	private static final String MANIFEST = "manifest.json";

	/** Changed when the manifest's shape does, so that older entries are developed again. */
	private static final int VERSION = 1;

	private static final Pattern FILE = Pattern.compile("[0-9]{1,3}\\.bin");

	/** No manifest or developed file comes near this; a larger one is not ours. */
	private static final long MAX_FILE_BYTES = 16L << 20;

	/** A photo is developed into at most a dozen files: widths, formats and crops. */
	private static final int MAX_FILES = 64;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** What an entry holds, written with it: every file by its name in the entry, and its SHA-256. */
	record Manifest(int version, String path, int width, int height, List<File> files) {
	}

	/** @param served where the file is served, such as {@code images/parade-800w-1a2b3c.webp} */
	record File(String kind, String mediaType, int width, int height, String name, String sha256, String served) {
	}

	private CacheEntry() {
	}

	/** Writes the photo's files and their manifest into a new, empty folder. */
	static void write(Path folder, Photo photo) throws IOException {
		List<File> files = new ArrayList<>();
		for (List<Variant> list : List.of(photo.variants(), photo.crops())) {
			String kind = (list == photo.variants()) ? "variant" : "crop";
			for (Variant variant : list) {
				String name = files.size() + ".bin";
				Files.write(folder.resolve(name), variant.bytes());
				files.add(new File(kind, variant.mediaType(), variant.width(), variant.height(), name,
						HexFormat.of().formatHex(Fingerprint.sha256().digest(variant.bytes())), variant.path()));
			}
		}
		Files.write(folder.resolve(MANIFEST), JSON.writeValueAsBytes(new Manifest(VERSION, photo.path(), photo.width(),
				photo.height(), files)));
	}

	/**
	 * The photo an entry holds, checked file by file.
	 * @param path the editor's path it must have been developed from
	 * @throws IOException naming what fails, when anything does
	 */
	static Photo read(Path entry, String path) throws IOException {
		Manifest manifest = JSON.readValue(bytes(entry, MANIFEST), Manifest.class);
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
		return new Photo(path, manifest.width(), manifest.height(), false, variants, crops);
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
		byte[] bytes = bytes(entry, file.name());
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
	private static byte[] bytes(Path entry, String name) throws IOException {
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

}
