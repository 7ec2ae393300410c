package org.broadsheet.edition;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import org.broadsheet.BroadsheetProperties;
import org.broadsheet.article.Article;

/**
 * The article as an Atom 1.0 feed of one entry carrying the whole text, with every link and image
 * absolute so that feed readers show the photos.
 */
final class AtomFeed {

	private AtomFeed() {
	}

	/** @param history whether the article has a history: then its entry links to it */
	static String of(Article article, BroadsheetProperties site, Instant versionTime, boolean history) {
		String home = site.baseUrl() + "/";
		Date updated = Date.from((article.modified() != null) ? article.modified().toInstant() : versionTime);

		Entry entry = new Entry();
		entry.setId(home);
		entry.setTitle(article.title());
		entry.setAlternateLinks(List.of(link("alternate", "text/html", home)));
		if (history) {
			entry.setOtherLinks(List.of(link("version-history", "text/html", site.baseUrl() + Edition.HISTORY)));
		}
		entry.setUpdated(updated);
		if (article.published() != null) {
			entry.setPublished(Date.from(article.published().toInstant()));
		}
		if (article.author() != null) {
			Person author = person(article.author().name());
			author.setUri(article.author().url());
			entry.setAuthors(List.of(author));
		}
		entry.setSummary(content("text", article.description()));
		entry.setContents(List.of(content("html", article.absoluteHtml())));

		Feed feed = new Feed("atom_1.0");
		feed.setId(home + "feed.xml");
		feed.setTitle(site.siteName());
		feed.setSubtitle(content("text", article.title()));
		feed.setLanguage(article.lang());
		feed.setUpdated(updated);
		// Atom requires an author; the publication stands as the feed's, not the article's.
		feed.setAuthors(List.of(person(site.siteName())));
		feed.setAlternateLinks(List.of(link("alternate", "text/html", home)));
		feed.setOtherLinks(List.of(link("self", "application/atom+xml", home + "feed.xml")));
		feed.setIcon(home + "favicon.svg");
		feed.setEntries(List.of(entry));
		try {
			return new WireFeedOutput().outputString(feed, true);
		}
		catch (FeedException ex) {
			throw new IllegalStateException("The feed could not be written", ex);
		}
	}

	private static Link link(String rel, String type, String href) {
		Link link = new Link();
		link.setRel(rel);
		link.setType(type);
		link.setHref(href);
		return link;
	}

	private static Person person(String name) {
		Person person = new Person();
		person.setName(name);
		return person;
	}

	private static Content content(String type, String value) {
		Content content = new Content();
		content.setType(type);
		content.setValue(value);
		return content;
	}

}
