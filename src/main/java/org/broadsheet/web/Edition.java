package org.broadsheet.web;

import java.util.Map;

import org.broadsheet.article.Article;

/**
 * Everything served for one version of the article, built once when that version is published.
 *
 * @param page the article page
 * @param views the article's other views by path: feed, sitemap, robots.txt and preview card
 */
record Edition(Article article, Page page, Map<String, Page> views, Page notFound, Page clientError,
		Page serverError, SocialImage socialImage) {

	static final String FEED = "/feed.xml";

	static final String SITEMAP = "/sitemap.xml";

	static final String ROBOTS = "/robots.txt";

	Edition {
		views = Map.copyOf(views);
	}

}
