package org.broadsheet.edition;

import java.util.Map;

import org.broadsheet.article.Article;

/**
 * Everything served for one version of the article, built once when that version is published.
 *
 * @param page the article page
 * @param views the article's other views by path: feed, sitemap, robots.txt and preview card
 */
public record Edition(Article article, Page page, Map<String, Page> views, Page notFound, Page clientError,
		Page serverError, SocialImage socialImage) {

	public static final String FEED = "/feed.xml";

	public static final String SITEMAP = "/sitemap.xml";

	public static final String ROBOTS = "/robots.txt";

	public Edition {
		views = Map.copyOf(views);
	}

}
