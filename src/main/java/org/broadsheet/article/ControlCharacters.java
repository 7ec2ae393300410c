package org.broadsheet.article;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.PostProcessor;

/**
 * Drops from the text the control characters that a numeric reference such as {@code &#1;} decodes
 * to: the file itself was cleaned ({@link MarkdownFile}), but a reference is only decoded here, and
 * no page or feed may carry one. Also escapes them for logs ({@link #escaped}).
 */
public final class ControlCharacters implements PostProcessor {

	ControlCharacters() {
	}

	/**
	 * The text as one log line, whatever an editor typed or named a file: line ends, other control
	 * characters and the Unicode line separators and direction overrides as escapes (a backslash and n, or
	 * U+202E as a backslash, u and 202E), so that no value from an article can forge a log line or hide what follows it.
	 */
	public static String escaped(String text) {
		StringBuilder escaped = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean control = c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029
					|| (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
					|| c == 0x061C || c == 0xFEFF;
			if (control && escaped == null) {
				escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
			}
			if (escaped != null) {
				escaped.append(!control ? String.valueOf(c) : (c == '\n') ? "\\n" : (c == '\r') ? "\\r"
						: (c == '\t') ? "\\t" : String.format("\\u%04X", (int) c));
			}
		}
		return (escaped != null) ? escaped.toString() : text;
	}

	@Override
	public Node process(Node document) {
		document.accept(new AbstractVisitor() {
			@Override
			public void visit(Text text) {
				text.setLiteral(MarkdownFile.withoutControls(text.getLiteral()));
			}

			@Override
			public void visit(Code code) {
				code.setLiteral(MarkdownFile.withoutControls(code.getLiteral()));
			}

			@Override
			public void visit(FencedCodeBlock code) {
				code.setLiteral(MarkdownFile.withoutControls(code.getLiteral()));
			}

			@Override
			public void visit(IndentedCodeBlock code) {
				code.setLiteral(MarkdownFile.withoutControls(code.getLiteral()));
			}
		});
		return document;
	}

}
