package org.broadsheet.photos;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a file really is, from its first bytes: its name is only what an editor or a tool called it,
 * and a JPEG saved as {@code .gif} is still a JPEG, camera metadata and all.
 */
enum FileKind {

	JPEG("a JPEG", ".jpg"), PNG("a PNG", ".png"), GIF("a GIF", ".gif"), SVG("an SVG drawing", ".svg"),
	WEBP("a WebP", ".webp"), HEIF("a HEIC or AVIF", ".heic"), UNKNOWN("not an image Broadsheet knows", "");

	/** How many bytes {@link #of} looks at. */
	static final int HEAD = 512;

	private final String description;

	private final String extension;

	FileKind(String description, String extension) {
		this.description = description;
		this.extension = extension;
	}

	/** As a sentence says it: "a JPEG", "an SVG drawing". */
	String description() {
		return this.description;
	}

	/** Whether this is a camera file, developed into variants. */
	boolean camera() {
		return this == JPEG || this == PNG;
	}

	/** What the file is, from its first {@value #HEAD} bytes (or fewer, for a smaller file). */
	static FileKind of(byte[] head) {
		if (starts(head, 0xFF, 0xD8, 0xFF)) {
			return JPEG;
		}
		if (starts(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
			return PNG;
		}
		if (ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a")) {
			return GIF;
		}
		if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) {
			return WEBP;
		}
		if (ascii(head, 4, "ftyp")) {
			return HEIF;
		}
		return xml(head) ? SVG : UNKNOWN;
	}

	/** What the name says the file is. */
	static FileKind named(String path) {
		String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
		return switch (extension) {
			case "jpg", "jpeg" -> JPEG;
			case "png" -> PNG;
			case "gif" -> GIF;
			case "svg" -> SVG;
			case "webp" -> WEBP;
			case "heic", "heif", "avif" -> HEIF;
			default -> UNKNOWN;
		};
	}

	/** The extension a file of this kind is served with. */
	String extension() {
		return this.extension;
	}

	/**
	 * Text that starts as XML does, in UTF-8, UTF-16 or a single-byte encoding, after an optional
	 * byte-order mark and white space: a declaration, a comment, a DOCTYPE or an element. Whether it is
	 * an SVG drawing is for the XML parser to say.
	 */
	private static boolean xml(byte[] head) {
		String text;
		if (starts(head, 0xFE, 0xFF) || starts(head, 0xFF, 0xFE)) {
			text = new String(head, 0, head.length & ~1, starts(head, 0xFE, 0xFF) ? StandardCharsets.UTF_16BE
					: StandardCharsets.UTF_16LE).substring(1);
		}
		else if (head.length >= 2 && head[0] == 0 && head[1] == '<') {
			text = new String(head, 0, head.length & ~1, StandardCharsets.UTF_16BE);
		}
		else if (head.length >= 2 && head[0] == '<' && head[1] == 0) {
			text = new String(head, 0, head.length & ~1, StandardCharsets.UTF_16LE);
		}
		else {
			text = new String(head, StandardCharsets.ISO_8859_1);
			if (text.startsWith("\u00EF\u00BB\u00BF")) {
				text = text.substring(3);
			}
		}
		text = text.stripLeading();
		return text.startsWith("<?xml") || text.startsWith("<!--") || text.startsWith("<!DOCTYPE")
				|| text.startsWith("<svg") || text.matches("(?s)<[A-Za-z_][\\w.-]*:svg[\\s>].*");
	}

	private static boolean starts(byte[] head, int... bytes) {
		if (head.length < bytes.length) {
			return false;
		}
		for (int i = 0; i < bytes.length; i++) {
			if ((head[i] & 0xff) != bytes[i]) {
				return false;
			}
		}
		return true;
	}

	private static boolean ascii(byte[] head, int offset, String text) {
		if (head.length < offset + text.length()) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			if (head[offset + i] != text.charAt(i)) {
				return false;
			}
		}
		return true;
	}

}
