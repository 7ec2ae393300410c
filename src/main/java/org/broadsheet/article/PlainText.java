package org.broadsheet.article;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

/** The words of part of the syntax tree, as plain text: for alt text, captions and the word count. */
final class PlainText {

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['\u2019.,-][\\p{L}\\p{N}]+)*");

	private PlainText() {
	}

	static String of(Node node) {
		return of(node, true);
	}

	/** A figure's caption: its text without the credit line. */
	static String withoutCredit(Node node) {
		return of(node, false);
	}

	static int countWords(Node node) {
		Matcher words = WORD.matcher(of(node));
		int count = 0;
		while (words.find()) {
			count++;
		}
		return count;
	}

	private static String of(Node node, boolean withCredit) {
		StringBuilder text = new StringBuilder();
		node.accept(new AbstractVisitor() {
			@Override
			public void visit(Text textNode) {
				text.append(textNode.getLiteral());
			}

			@Override
			public void visit(Code code) {
				text.append(code.getLiteral());
			}

			@Override
			public void visit(SoftLineBreak softLineBreak) {
				text.append(' ');
			}

			@Override
			public void visit(Paragraph paragraph) {
				visitChildren(paragraph);
				text.append('\n');
			}

			@Override
			public void visit(CustomNode customNode) {
				if (withCredit || !(customNode instanceof Credit)) {
					visitChildren(customNode);
				}
			}

			@Override
			public void visit(CustomBlock customBlock) {
				visitChildren(customBlock);
			}
		});
		return text.toString().strip();
	}

}
