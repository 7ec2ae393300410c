package org.broadsheet;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything an operator or editor can set, under {@code broadsheet.*}. The README's configuration
 * table lists the same properties.
 *
 * @param article where the article's Markdown is: {@code classpath:content/article.md} (inside the
 * jar) or a file path, whose {@code images/} folder beside it then holds the photos
 * @param baseUrl the site's public URL; every absolute link is built from it, never from a request
 * @param siteName the publication's name
 * @param publisherLogo an optional absolute URL of the publisher's logo, for search engines
 * @param preview whether an editor is writing: the article, read from a file, is re-rendered as it
 * changes, and nothing is cached; on under {@code mvn spring-boot:run}, off unless asked elsewhere
 * @param export a folder to write the site into as static files, after which the app exits
 * @param photoCache a folder of this user's own to keep developed photos in across restarts, and the
 * article's first edition as the last start printed it; by default
 * {@code $XDG_CACHE_HOME/broadsheet/photos} or {@code ~/.cache/broadsheet/photos}; empty for none
 * @param photoCacheLimit how much that folder may hold; the least recently used photos go first
 * @param correctionsPolicy an optional absolute URL of the publication's corrections policy, linked
 * beside an article's corrections and named in its JSON-LD
 * @param publishingPrinciples an optional absolute URL of its publishing principles, for the JSON-LD
 */
@ConfigurationProperties("broadsheet")
public record BroadsheetProperties(@DefaultValue("classpath:content/article.md") String article,
		@DefaultValue("http://localhost:8080") String baseUrl, @DefaultValue("Broadsheet") String siteName,
		String publisherLogo, boolean preview, String export, String photoCache,
		@DefaultValue("200MB") DataSize photoCacheLimit, String correctionsPolicy, String publishingPrinciples) {

	public BroadsheetProperties {
		baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		absolute("broadsheet.corrections-policy", correctionsPolicy);
		absolute("broadsheet.publishing-principles", publishingPrinciples);
	}

	/** A page of the publication's that readers and search engines are sent to: a web address, in full. */
	private static void absolute(String property, String url) {
		if (url != null && !url.matches("https?://[^\\s\"<>]+")) {
			throw new IllegalArgumentException(property + " must be a web address in full, such as "
					+ "https://news.example.org/corrections, not \"" + url + "\"");
		}
	}

}
