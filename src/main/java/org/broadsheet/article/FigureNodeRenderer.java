package org.broadsheet.article;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Renders photos and quotations as {@code <figure>}s: the photo with its size and lazy loading, the
 * caption and the credit in a {@code <figcaption>}; the quote with its attribution.
 */
final class FigureNodeRenderer implements NodeRenderer {

	private final HtmlNodeRendererContext context;

	private final HtmlWriter html;

	FigureNodeRenderer(HtmlNodeRendererContext context) {
		this.context = context;
		this.html = context.getWriter();
	}

	@Override
	public Set<Class<? extends Node>> getNodeTypes() {
		return Set.of(Figure.class, Quotation.class, Credit.class);
	}

	@Override
	public void render(Node node) {
		if (node instanceof Figure figure) {
			renderFigure(figure);
		}
		else if (node instanceof Quotation quotation) {
			renderQuotation(quotation);
		}
		else if (node instanceof Credit credit) {
			renderCredit(credit);
		}
	}

	private void renderFigure(Figure figure) {
		Picture picture = figure.picture();
		String kind = figure.isFeature() ? "photo feature" : "photo";
		this.html.line();
		this.html.tag("figure", this.context.extendAttributes(figure, "figure",
				Map.of("class", picture.standIn() ? kind + " stand-in" : kind)));
		Map<String, String> img = new LinkedHashMap<>();
		img.put("src", this.context.encodeUrl(picture.url()));
		img.put("alt", picture.alt());
		img.put("width", Integer.toString(picture.width()));
		img.put("height", Integer.toString(picture.height()));
		// The feature photo is the largest thing in the first screen: fetch it first, not lazily.
		img.put(figure.isFeature() ? "fetchpriority" : "loading", figure.isFeature() ? "high" : "lazy");
		img.put("decoding", "async");
		this.html.tag("img", this.context.extendAttributes(figure.image(), "img", img));
		if (figure.getFirstChild() != null || picture.standIn()) {
			this.html.tag("figcaption");
			renderChildren(figure);
			if (picture.standIn()) {
				if (figure.getFirstChild() != null) {
					this.html.text(" ");
				}
				this.html.tag("span", Map.of("class", "stand-in-label"));
				this.html.text("Stand-in drawing: the licensed photo is not yet in place.");
				this.html.tag("/span");
			}
			this.html.tag("/figcaption");
		}
		this.html.tag("/figure");
		this.html.line();
	}

	private void renderQuotation(Quotation quotation) {
		this.html.line();
		this.html.tag("figure", this.context.extendAttributes(quotation, "figure",
				Map.of("class", quotation.epigraph() ? "quote epigraph" : "quote")));
		renderChildren(quotation);
		this.html.tag("/figure");
		this.html.line();
	}

	private void renderCredit(Credit credit) {
		if (credit.getParent() instanceof Quotation) {
			this.html.tag("figcaption", Map.of("class", "attribution"));
			this.html.text("\u2014 ");
			renderChildren(credit);
			this.html.tag("/figcaption");
		}
		else {
			if (credit.getPrevious() != null) {
				this.html.text(" ");
			}
			this.html.tag("span", Map.of("class", "credit"));
			renderChildren(credit);
			this.html.tag("/span");
		}
	}

	private void renderChildren(Node parent) {
		for (Node node = parent.getFirstChild(); node != null;) {
			Node next = node.getNext();
			this.context.render(node);
			node = next;
		}
	}

}
