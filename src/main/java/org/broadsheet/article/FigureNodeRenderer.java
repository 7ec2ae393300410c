package org.broadsheet.article;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.broadsheet.photos.Photo;
import org.broadsheet.photos.Variant;

import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Renders photos and quotations as {@code <figure>}s: the photo with its size and lazy loading, the
 * caption and the credit in a {@code <figcaption>}; the quote with its attribution.
 * <p>
 * On the page, a developed photo is a {@code <picture>}: WebP at each width, with JPEG for browsers
 * without it, and {@code sizes} saying how wide the layout draws it, so that a phone fetches a
 * narrow file and a wide screen a large one. In a feed it is the one JPEG about 1200 px wide.
 */
final class FigureNodeRenderer implements NodeRenderer {

	/** How wide the column draws a photo: 42.5rem, or the screen less the page's margins. */
	static final String COLUMN_SIZES = "(min-width: 45rem) 42.5rem, calc(100vw - 2.5rem)";

	/** How wide the feature photo is drawn: it runs wider than the column, to 58rem. */
	static final String FEATURE_SIZES = "(min-width: 60.5rem) 58rem, calc(100vw - 2.5rem)";

	private final HtmlNodeRendererContext context;

	private final HtmlWriter html;

	private final boolean feed;

	FigureNodeRenderer(HtmlNodeRendererContext context, boolean feed) {
		this.context = context;
		this.html = context.getWriter();
		this.feed = feed;
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
		Photo photo = picture.photo();
		String kind = figure.isFeature() ? "photo feature" : "photo";
		this.html.line();
		this.html.tag("figure", this.context.extendAttributes(figure, "figure",
				Map.of("class", picture.standIn() ? kind + " stand-in" : kind)));
		if (this.feed || !photo.developed()) {
			Variant single = photo.single();
			this.html.tag("img", this.context.extendAttributes(figure.image(), "img",
					img(picture, single.url(), null, null, single.width(), single.height(), figure.isFeature())));
		}
		else {
			String sizes = figure.isFeature() ? FEATURE_SIZES : COLUMN_SIZES;
			this.html.tag("picture");
			Map<String, String> source = new LinkedHashMap<>();
			source.put("type", "image/webp");
			source.put("srcset", srcset(photo.webp()));
			source.put("sizes", sizes);
			this.html.tag("source", source);
			this.html.tag("img", this.context.extendAttributes(figure.image(), "img", img(picture, photo.single().url(),
					srcset(photo.jpeg()), sizes, photo.width(), photo.height(), figure.isFeature())));
			this.html.tag("/picture");
		}
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

	private Map<String, String> img(Picture picture, String src, String srcset, String sizes, int width, int height,
			boolean feature) {
		Map<String, String> img = new LinkedHashMap<>();
		img.put("src", this.context.encodeUrl(src));
		if (srcset != null) {
			img.put("srcset", srcset);
			img.put("sizes", sizes);
		}
		img.put("alt", picture.alt());
		img.put("width", Integer.toString(width));
		img.put("height", Integer.toString(height));
		if (!this.feed) {
			// The feature photo is the largest thing in the first screen: fetch it first, not lazily.
			img.put(feature ? "fetchpriority" : "loading", feature ? "high" : "lazy");
			img.put("decoding", "async");
		}
		return img;
	}

	private String srcset(List<Variant> variants) {
		return variants.stream()
			.map((variant) -> this.context.encodeUrl(variant.url()) + " " + variant.width() + "w")
			.collect(Collectors.joining(", "));
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
			// spoken, not shown: a screen reader would otherwise read the name bare after the caption
			this.html.tag("span", Map.of("class", "visually-hidden"));
			this.html.text(label((Figure) credit.getParent()) + ": ");
			this.html.tag("/span");
			renderChildren(credit);
			this.html.tag("/span");
		}
	}

	/** What the credit is for, as newspapers label it: "Photograph: The Guardian". */
	private static String label(Figure figure) {
		Photo photo = figure.picture().photo();
		return (photo.developed() || photo.standIn()) ? "Photograph" : "Illustration";
	}

	private void renderChildren(Node parent) {
		for (Node node = parent.getFirstChild(); node != null;) {
			Node next = node.getNext();
			this.context.render(node);
			node = next;
		}
	}

}
