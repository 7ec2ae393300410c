package org.broadsheet.article;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An article file's bytes as text: strict UTF-8, without a byte-order mark, with {@code \n} line
 * ends whatever the editor saved, and without the control characters that text pasted from a word
 * processor carries. Those are cleaned, each with a warning that names its line: a vertical tab or
 * form feed (Word's line and page breaks) becomes a space, as a line break inside a paragraph reads,
 * and keeps every line where it was; a C1 control (a Windows character pasted undecoded, such as
 * U+0092 for ’) becomes the character meant; the rest are dropped. No feed or page may carry them.
 * Lines are counted here and nowhere else.
 *
 * @param text the cleaned text
 * @param warnings what was cleaned, and where
 */
record MarkdownFile(String text, List<String> warnings) {

	private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	static MarkdownFile read(String file, byte[] bytes) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer input = ByteBuffer.wrap(bytes);
		String text;
		try {
			text = decoder.decode(input).toString();
		}
		catch (CharacterCodingException ex) {
			String valid = new String(bytes, 0, input.position(), StandardCharsets.UTF_8);
			throw new ArticleException(file, lineAt(valid, valid.length()),
					"the file is not valid UTF-8 text; save it as UTF-8 in your editor", ex);
		}
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		return clean(text.replace("\r\n", "\n").replace('\r', '\n'));
	}

	private static MarkdownFile clean(String text) {
		StringBuilder clean = null;
		Map<Integer, List<String>> found = new LinkedHashMap<>();
		int line = 1;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			String replacement = replacement(c);
			if (replacement != null) {
				if (clean == null) {
					clean = new StringBuilder(text.length()).append(text, 0, i);
				}
				clean.append(replacement);
				found.computeIfAbsent(line, (key) -> new ArrayList<>()).add(described(c, replacement));
			}
			else if (clean != null) {
				clean.append(c);
			}
			if (c == '\n') {
				line++;
			}
		}
		List<String> warnings = new ArrayList<>();
		found.forEach((where, what) -> warnings.add("line " + where + ": " + String.join(", ", what)
				+ " (pasted from a word processor?)"));
		return new MarkdownFile((clean != null) ? clean.toString() : text, warnings);
	}

	/** What a character is replaced by, or null when it is fine as it is. */
	private static String replacement(char c) {
		if (c == '\t' || c == '\n' || (c >= 0x20 && c < 0x7F) || (c > 0x9F && c != 0xFFFE && c != 0xFFFF)) {
			return null;
		}
		if (c == 0x0B || c == 0x0C) {
			return " ";
		}
		if (c >= 0x80 && c <= 0x9F) {
			String meant = new String(new byte[] { (byte) c }, WINDOWS_1252);
			return (meant.charAt(0) > 0x9F && meant.charAt(0) != 0xFFFD) ? meant : "";
		}
		return "";
	}

	private static String described(char c, String replacement) {
		String code = String.format("U+%04X", (int) c);
		if (c == 0x0B) {
			return "a vertical tab (" + code + ", a manual line break) became a space";
		}
		if (c == 0x0C) {
			return "a form feed (" + code + ", a page break) became a space";
		}
		return replacement.isEmpty() ? "removed a control character (" + code + ")"
				: code + " became \"" + replacement + "\"";
	}

	/** The first character no page or feed may carry, as {@code U+0001}; null when there is none. */
	static String firstControl(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (replacement(text.charAt(i)) != null) {
				return String.format("U+%04X", (int) text.charAt(i));
			}
		}
		return null;
	}

	/** The text without the characters no page or feed may carry. */
	static String withoutControls(String text) {
		return (firstControl(text) == null) ? text : text.codePoints()
			.filter((c) -> c > 0xFFFF || replacement((char) c) == null)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
	}

	/** The 1-based line on which the character at {@code index} stands. */
	static int lineAt(CharSequence text, int index) {
		int line = 1;
		for (int i = 0; i < index && i < text.length(); i++) {
			if (text.charAt(i) == '\n') {
				line++;
			}
		}
		return line;
	}

}
