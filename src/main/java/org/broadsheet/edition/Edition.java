package org.broadsheet.edition;

import java.util.Map;

import org.broadsheet.article.Article;

/**
 * Everything served for one version of the article, built once when that version is published.
 *
 * @param page the article page
 * @param views every other response by path: feed, sitemap, robots.txt, the link-preview card, the
 * logos, the stylesheet, the favicon and each photo file
 */
public record Edition(Article article, Page page, Map<String, Page> views, Page notFound, Page clientError,
		Page serverError, SocialImage socialImage) {

	public static final String FEED = "/feed.xml";

	public static final String SITEMAP = "/sitemap.xml";

	public static final String ROBOTS = "/robots.txt";

	public static final String FAVICON = "/favicon.svg";

	public Edition {
		views = Map.copyOf(views);
	}

}
