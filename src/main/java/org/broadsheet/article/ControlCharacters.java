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
 * no page or feed may carry one.
 */
final class ControlCharacters implements PostProcessor {

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
