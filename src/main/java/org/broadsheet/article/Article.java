package org.broadsheet.article;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One article, rendered and ready to publish. Immutable: a new version of the Markdown makes a new
 * {@code Article}.
 *
 * @param author who wrote it, or null when the front matter does not say: then no byline, and no
 * author in the metadata, rather than one invented
 * @param dates when it was published, and changed: its corrections and updates
 * @param featureImage the photo at the head of the article, or null
 * @param pictures every photo, the feature image first
 * @param citations the publications the article quotes, as listed in the front matter
 * @param html the body as HTML, the feature photo first, with root-relative links, for the page
 * @param absoluteHtml the same body with every link and image URL absolute, for feeds
 * @param passages what the article shows, as plain text, piece by piece: for telling versions apart
 * @param warnings things an editor should know that do not stop publication
 */
public record Article(String title, String description, String lang, Author author,
		Dates dates, Picture featureImage, List<Picture> pictures,
		List<String> citations, String html, String absoluteHtml, int wordCount, int readingMinutes,
		List<Passage> passages, List<String> warnings) {

	public Article {
		pictures = List.copyOf(pictures);
		citations = List.copyOf(citations);
		passages = List.copyOf(passages);
		warnings = List.copyOf(warnings);
	}

	/** When it was first published, or null when the front matter does not say. */
	public OffsetDateTime published() {
		return this.dates.published();
	}

	/** The front matter's {@code updated}, or null. */
	public OffsetDateTime updated() {
		return this.dates.updated();
	}

	/** The date readers should see as the article's latest: when it last changed, else published, else null. */
	public OffsetDateTime modified() {
		return this.dates.modified();
	}

	/** The corrections and updates, newest first. */
	public List<Note> notes() {
		return this.dates.notes();
	}

}
