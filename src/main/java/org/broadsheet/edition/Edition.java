package org.broadsheet.edition;

import java.util.List;
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

	/** Where what is printed under a hash of its bytes is served, each as its prefix, the hash, then its extension. */
	public static final String STYLESHEETS = "/css/";

	public static final String IMAGES = "/images/";

	public static final String CARD = "/card-";

	public static final String TOUCH_ICON = "/apple-touch-icon-";

	public static final String LOGO = "/logo-";

	/** The article's history: its page, each version under its number, and Memento's TimeMap. */
	public static final String HISTORY = "/history/";

	public static final String TIMEMAP = HISTORY + "timemap";

	/** The prefixes of every fingerprinted URL: cached for a year, as the name changes with the bytes. */
	public static final List<String> FINGERPRINTED = List.of(STYLESHEETS, IMAGES, CARD, TOUCH_ICON, LOGO);

	/** The URLs that are the article, or change with it: cached for minutes. */
	public static final List<String> PUBLISHED = List.of("/", FEED, SITEMAP, ROBOTS);

	public Edition {
		views = Map.copyOf(views);
	}

}
