package org.broadsheet.article;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.broadsheet.edition.TestPress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Corrections and updates as editors write them in the front matter: read with their offsets, kept
 * newest first, rendered at the end of the body, and refused, naming the line, when they cannot be
 * true.
 */
class CorrectionsAndUpdatesTests {

	static final String NOTED = TestPress.NOTED;

	private final ArticleRenderer renderer = new ArticleRenderer("https://news.example.org", ArticleRendererTests.DARKROOM,
			"https://news.example.org/corrections", Clock.fixed(Instant.parse("2014-06-01T00:00:00Z"), ZoneOffset.UTC));

	Article render(String markdown) {
		return this.renderer.render("article.md", markdown.getBytes(StandardCharsets.UTF_8), (path) -> null);
	}

	@Test
	void notesAreReadWithTheirOffsetsNewestFirstAndTheLastChangeIsTheLatest() {
		Article article = render(NOTED);
		assertThat(article.notes()).extracting((note) -> note.kind().label() + " " + note.date())
			.containsExactly("Update 2014-05-23T08:00+01:00", "Correction 2014-05-22T14:05+01:00");
		assertThat(article.notes().get(1).text()).as("folded lines joined")
			.isEqualTo("An earlier version of this article gave the wrong year for the opening of the country's own "
					+ "mobile network.");
		assertThat(article.published()).hasToString("2014-05-21T09:30+01:00");
		assertThat(article.dates().lastChanged()).hasToString("2014-05-23T08:00+01:00");
		assertThat(article.modified()).isEqualTo(article.dates().lastChanged());
		assertThat(article.dates().corrections()).hasSize(1);
		assertThat(article.wordCount()).as("notes are not the article's words").isEqualTo(2);
	}

	@Test
	void anUpdatedThatNeedsNoNoteStillCountsAndTheLatestWins() {
		Article article = render(NOTED.replace("published: 2014-05-21T09:30:00+01:00",
				"published: 2014-05-21T09:30:00+01:00\nupdated: 2014-05-24T12:00:00Z"));
		assertThat(article.dates().lastChanged()).hasToString("2014-05-24T12:00Z");
	}

	@Test
	void theNotesAreTheBodysLastSectionEachLabelledThenDatedThenSaid() {
		String html = render(NOTED).html().strip();
		assertThat(html).startsWith("<p>The text.</p>\n<section");
		assertThat(html.substring(html.indexOf("<section"))).as("the last thing in the body").isEqualTo("""
				<section class="notes" id="corrections-and-updates" aria-labelledby="corrections-and-updates-title">\
				<h2 id="corrections-and-updates-title">Corrections and updates</h2><ol class="notes-list">\
				<li class="note note-update"><p class="note-head"><strong class="note-label">Update</strong> \
				<time datetime="2014-05-23T08:00+01:00">23 May 2014, 08:00 UTC+1</time></p>\
				<p class="note-text">Adds a photograph of an Internet palace.</p></li>\
				<li class="note note-correction"><p class="note-head"><strong class="note-label">Correction</strong> \
				<time datetime="2014-05-22T14:05+01:00">22 May 2014, 14:05 UTC+1</time></p>\
				<p class="note-text">An earlier version of this article gave the wrong year for the opening of the \
				country's own mobile network.</p></li></ol>\
				<p class="notes-policy"><a href="https://news.example.org/corrections">How we correct mistakes</a></p>\
				</section>""");
		assertThat(render(NOTED).absoluteHtml()).as("and in the feed").contains("Corrections and updates")
			.contains("<strong class=\"note-label\">Correction</strong>");
	}

	@Test
	void anArticleWithNoNotesHasNoSection() {
		Article article = render("---\ntitle: T\ndescription: D\npublished: 2014-05-21\n---\nThe text.\n");
		assertThat(article.html()).doesNotContain("notes");
		assertThat(article.dates().changed()).isFalse();
		assertThat(article.dates().publishedText()).isEqualTo("21 May 2014");
		assertThat(article.dates().publishedAttribute()).isEqualTo("2014-05-21");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "2014-05-22T14:05:00Z|22 May 2014, 14:05 UTC",
			"2014-05-22T14:05:00-05:00|22 May 2014, 14:05 UTC\u22125", "2014-05-22T14:05:00+05:30|22 May 2014, 14:05 UTC+5:30",
			"2014-05-22 14:05:00 +01:00|22 May 2014, 14:05 UTC+1", "2014-05-22T14:05+0100|22 May 2014, 14:05 UTC+1" })
	void datesAreShownWithTheirTimeAndOffset(String date, String shown) {
		Article article = render(NOTED.replace("2014-05-22T14:05:00+01:00", date));
		assertThat(article.dates().corrections().get(0).dateText()).isEqualTo(shown);
	}

	@ParameterizedTest(name = "{1}")
	@CsvSource(delimiter = '|', value = {
			"corrections:\\n  - text: Wrong year.|article.md, line 5: the correction has no \"date\"; add \"date: 2014-05-22T14:05:00+01:00\"",
			"corrections:\\n  - date: 2014-05-22\\n    text: Wrong year.|article.md, line 5: the correction's date \"2014-05-22\" has no time zone",
			"corrections:\\n  - date: 2014-05-22T14:05:00\\n    text: Wrong year.|article.md, line 5: the correction's date \"2014-05-22T14:05:00\" has no time zone",
			"corrections:\\n  - date: yesterday\\n    text: Wrong year.|article.md, line 5: the correction's date \"yesterday\" is not a date and time",
			"updates:\\n  - date: 2014-05-22T14:05:00+01:00|article.md, line 5: the update has no \"text\"; say what changed",
			"corrections:\\n  - date: 2014-05-22T14:05:00+01:00\\n    text: \"  \"|article.md, line 5: the correction has no \"text\"; say what changed: what was wrong, and what is right",
			"corrections:\\n  - date: 2014-05-22T14:05:00+01:00\\n    txt: Wrong.|article.md, line 5: the correction has an unknown field \"txt\"",
			"corrections: Wrong year.|article.md, line 4: \"corrections\" must be a list of notes",
			"updates:\\n  - Adds a photo.|article.md, line 5: \"updates\" must be a list of notes" })
	void aNoteWithoutADateATimeZoneOrATextIsRefusedNamingItsLine(String notes, String message) {
		String markdown = "---\ntitle: T\ndescription: D\n" + notes.replace("\\n", "\n")
				+ "\npublished: 2014-05-21T09:30:00+01:00\n---\nText.\n";
		assertThatExceptionOfType(ArticleException.class).isThrownBy(() -> render(markdown))
			.withMessageStartingWith(message);
	}

	@Test
	void aNoteIsRefusedWhenNothingWasPublishedOrBeforeItWasOrInTheFuture() {
		assertThatExceptionOfType(ArticleException.class)
			.isThrownBy(() -> render(NOTED.replace("published: 2014-05-21T09:30:00+01:00\n", "")))
			.withMessageStartingWith("article.md, line 5: the article has a correction but no \"published\" date: "
					+ "nothing was published to correct or update");
		assertThatExceptionOfType(ArticleException.class)
			.isThrownBy(() -> render(NOTED.replace("2014-05-22T14:05:00+01:00", "2014-05-21T09:00:00+01:00")))
			.withMessageStartingWith("article.md, line 6: the correction dated 2014-05-21T09:00+01:00 is before the "
					+ "article was published (2014-05-21T09:30+01:00)");
		assertThatExceptionOfType(ArticleException.class)
			.isThrownBy(() -> render(NOTED.replace("2014-05-23T08:00:00+01:00", "2014-06-01T00:06:00Z")))
			.withMessageStartingWith("article.md, line 10: the update dated 2014-06-01T00:06Z is still to come "
					+ "(it is now 2014-06-01T00:00Z UTC)");
		assertThat(render(NOTED.replace("2014-05-23T08:00:00+01:00", "2014-06-01T00:04:00Z")).notes())
			.as("a few minutes of clock drift are allowed").hasSize(2);
		assertThat(render(NOTED.replace("published: 2014-05-21T09:30:00+01:00", "published: 2014-05-22")).notes())
			.as("a date alone is compared by the day").hasSize(2);
	}

	@Test
	void anUpdatedEarlierThanTheLatestNoteIsRefused() {
		assertThatExceptionOfType(ArticleException.class)
			.isThrownBy(() -> render(NOTED.replace("published: 2014-05-21T09:30:00+01:00",
					"published: 2014-05-21T09:30:00+01:00\nupdated: 2014-05-22T09:00:00+01:00")))
			.withMessageStartingWith("article.md, line 5: \"updated\" (2014-05-22T09:00+01:00) is earlier than the "
					+ "latest note (2014-05-23T08:00+01:00)");
	}

	@Test
	void aNotesTextIsPlainTextAndCarriesNoControlCharacter() {
		assertThat(render(NOTED.replace("Adds a photograph", "Adds <b>a</b> photograph")).html())
			.contains("Adds &lt;b&gt;a&lt;/b&gt; photograph");
		assertThatExceptionOfType(ArticleException.class)
			.isThrownBy(() -> render(NOTED.replace("text: Adds a photograph of an Internet palace.",
					"text: \"Adds\\x01 a photograph\"")))
			.withMessageContaining("holds a control character (U+0001)");
	}

}
