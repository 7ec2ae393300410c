package org.broadsheet.article;

import java.util.ArrayList;
import java.util.List;

import org.commonmark.Extension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.parser.PostProcessor;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * The article's links: only {@code http}, {@code https}, {@code mailto} and relative URLs. A link
 * with any other scheme ({@code javascript:}, {@code data:}, {@code vbscript:} ...) is unlinked and
 * its text kept. The links that remain are editorial, so they keep no {@code rel="nofollow"}.
 */
final class SafeLinks implements Parser.ParserExtension, HtmlRenderer.HtmlRendererExtension {

	private static final UrlSanitizer SANITIZER = new DefaultUrlSanitizer(List.of("http", "https", "mailto"));

	private SafeLinks() {
	}

	static Extension create() {
		return new SafeLinks();
	}

	@Override
	public void extend(Parser.Builder parserBuilder) {
		parserBuilder.postProcessor(new Unlinker());
	}

	@Override
	public void extend(HtmlRenderer.Builder rendererBuilder) {
		rendererBuilder.sanitizeUrls(true).urlSanitizer(SANITIZER).attributeProviderFactory((context) -> (node, tagName,
				attributes) -> {
			// sanitizing adds rel="nofollow" to every link; the article's own links are editorial
			if (node instanceof Link) {
				attributes.remove("rel");
			}
		});
	}

	/** Replaces each link with an unsafe scheme by its text. */
	private static final class Unlinker implements PostProcessor {

		@Override
		public Node process(Node document) {
			List<Link> unsafe = new ArrayList<>();
			document.accept(new AbstractVisitor() {
				@Override
				public void visit(Link link) {
					if (!link.getDestination().isEmpty() && SANITIZER.sanitizeLinkUrl(link.getDestination()).isEmpty()) {
						unsafe.add(link);
					}
					visitChildren(link);
				}
			});
			for (Link link : unsafe) {
				for (Node node = link.getFirstChild(); node != null;) {
					Node next = node.getNext();
					link.insertBefore(node);
					node = next;
				}
				link.unlink();
			}
			return document;
		}

	}

}
