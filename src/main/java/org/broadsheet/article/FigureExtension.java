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

	private FigureExtension() {
	}

	static Extension create() {
		return new FigureExtension();
	}

	@Override
	public void extend(Parser.Builder parserBuilder) {
		parserBuilder.postProcessor(new FigurePostProcessor());
	}

	@Override
	public void extend(HtmlRenderer.Builder rendererBuilder) {
		rendererBuilder.nodeRendererFactory(FigureNodeRenderer::new);
	}

}
