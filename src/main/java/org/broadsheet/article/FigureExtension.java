package org.broadsheet.article;

import org.commonmark.Extension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Photos with their captions and credits, and quotations with their attributions, as
 * {@code <figure>}s: {@link FigurePostProcessor} reshapes the tree, {@link FigureNodeRenderer} writes
 * it. Wired as commonmark's own extensions are.
 */
final class FigureExtension implements Parser.ParserExtension, HtmlRenderer.HtmlRendererExtension {

	private final boolean feed;

	private FigureExtension(boolean feed) {
		this.feed = feed;
	}

	/** Figures for the page: each photo a {@code <picture>} of its widths and formats. */
	static Extension create() {
		return new FigureExtension(false);
	}

	/** Figures for feed readers: each photo one JPEG about 1200 px wide, as feed readers show one file. */
	static Extension forFeeds() {
		return new FigureExtension(true);
	}

	@Override
	public void extend(Parser.Builder parserBuilder) {
		parserBuilder.postProcessor(new FigurePostProcessor());
	}

	@Override
	public void extend(HtmlRenderer.Builder rendererBuilder) {
		rendererBuilder.nodeRendererFactory((context) -> new FigureNodeRenderer(context, this.feed));
	}

}
