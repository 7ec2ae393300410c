package org.broadsheet.article;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * An article file's bytes as text: strict UTF-8, without a byte-order mark, with {@code \n} line
 * ends whatever the editor saved. Lines are counted here and nowhere else.
 */
final class MarkdownFile {

	private MarkdownFile() {
	}

	static String decode(String file, byte[] bytes) {
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
		return text.replace("\r\n", "\n").replace('\r', '\n');
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
