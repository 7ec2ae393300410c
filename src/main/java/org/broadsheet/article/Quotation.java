package org.broadsheet.article;

import org.commonmark.node.CustomBlock;

/**
 * A block quote together with its attribution. Its children are the {@code BlockQuote} and, when the
 * editor gave one, a {@link Credit}. An epigraph is a quotation that opens the article.
 */
final class Quotation extends CustomBlock {

	private boolean epigraph;

	boolean epigraph() {
		return this.epigraph;
	}

	void epigraph(boolean epigraph) {
		this.epigraph = epigraph;
	}

}
