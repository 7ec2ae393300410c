package org.broadsheet.edition;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.io.WireFeedInput;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An article with a correction and an update, as a reader, a feed reader and a search engine get it;
 * and the published article, which gives no date, exactly as it was.
 */
class CorrectionsTests {

	private final Edition noted = TestPress.print(TestPress.NOTED, TestPress.withPolicies());

	private static Document page(Edition edition) {
		return Jsoup.parse(new String(edition.page().bytes(), StandardCharsets.UTF_8));
	}

	private static JsonNode jsonLd(Document page) {
		return JsonMapper.shared().readTree(page.selectFirst("script[type=application/ld+json]").data());
	}

	@Test
	void theDatelineSaysWhenItLastChangedWithTheFirstPublicationOneStepAway() {
		Document page = page(this.noted);
		Element dateline = page.selectFirst(".article-header > .standfirst + details.dateline");
		assertThat(dateline).as("under the standfirst").isNotNull();
		assertThat(dateline.hasAttr("open")).as("closed, opened by the reader, no script").isFalse();
		Element summary = dateline.selectFirst("summary");
		assertThat(summary.text()).isEqualTo("Last changed 23 May 2014, 08:00 UTC+1");
		assertThat(summary.selectFirst("time").attr("datetime")).isEqualTo("2014-05-23T08:00+01:00");
		Element first = dateline.selectFirst("summary + p");
		assertThat(first.text()).isEqualTo("First published 21 May 2014, 09:30 UTC+1. Corrections and updates");
		assertThat(first.selectFirst("time").attr("datetime")).isEqualTo("2014-05-21T09:30+01:00");
		String link = first.selectFirst("a").attr("href");
		assertThat(link).isEqualTo("#corrections-and-updates");
		assertThat(page.getElementById(link.substring(1))).as("the notes it links to").isNotNull();
		assertThat(page.select("script:not([type=application/ld+json])")).as("no script").isEmpty();
	}

	@Test
	void anArticleThatNeverChangedSaysWhenItWasPublishedAndNoMore() {
		Document page = page(TestPress.print("---\ntitle: T\ndescription: D\npublished: 2014-05-21T09:30:00+01:00\n---\nText.\n",
				TestPress.withPolicies()));
		assertThat(page.select(".dateline")).singleElement().satisfies((dateline) -> {
			assertThat(dateline.tagName()).isEqualTo("p");
			assertThat(dateline.text()).isEqualTo("Published 21 May 2014, 09:30 UTC+1");
		});
		assertThat(page.select("details, .notes")).isEmpty();
		assertThat(page.select("meta[property=article:modified_time]")).isEmpty();
	}

	@Test
	void theNotesCloseTheArticleNewestFirstEachLabelledAndDatedWithThePolicyBeside() {
		Document page = page(this.noted);
		Element notes = page.selectFirst(".article-body > section.notes#corrections-and-updates");
		assertThat(notes).isNotNull();
		assertThat(notes.nextElementSibling()).as("the last thing in the article").isNull();
		assertThat(notes.attr("aria-labelledby")).isEqualTo(notes.selectFirst("h2").id());
		assertThat(notes.selectFirst("h2").text()).isEqualTo("Corrections and updates");
		assertThat(notes.select("li.note")).extracting(Element::text).containsExactly(
				"Update 23 May 2014, 08:00 UTC+1 Adds a photograph of an Internet palace.",
				"Correction 22 May 2014, 14:05 UTC+1 An earlier version of this article gave the wrong year for the "
						+ "opening of the country's own mobile network.");
		assertThat(notes.select("li.note time")).extracting((time) -> time.attr("datetime"))
			.containsExactly("2014-05-23T08:00+01:00", "2014-05-22T14:05+01:00");
		Element policy = notes.selectFirst(".notes-policy a");
		assertThat(policy.text()).isEqualTo("How we correct mistakes");
		assertThat(policy.attr("href")).isEqualTo(TestPress.CORRECTIONS_POLICY);
	}

	@Test
	void searchEnginesGetTheLastChangeAndEachCorrectionAsACorrectionComment() {
		Document page = page(this.noted);
		JsonNode json = jsonLd(page);
		assertThat(json.path("datePublished").asString()).isEqualTo("2014-05-21T09:30:00+01:00");
		assertThat(json.path("dateModified").asString()).isEqualTo("2014-05-23T08:00:00+01:00");
		assertThat(json.path("correction").size()).as("the update is no correction").isEqualTo(1);
		JsonNode correction = json.path("correction").get(0);
		assertThat(correction.path("@type").asString()).isEqualTo("CorrectionComment");
		assertThat(correction.path("datePublished").asString()).isEqualTo("2014-05-22T14:05:00+01:00");
		assertThat(correction.path("text").asString()).startsWith("An earlier version of this article gave the wrong year");
		assertThat(json.path("publisher").path("correctionsPolicy").asString()).isEqualTo(TestPress.CORRECTIONS_POLICY);
		assertThat(json.path("publisher").path("publishingPrinciples").asString()).isEqualTo(TestPress.PUBLISHING_PRINCIPLES);
		assertThat(page.selectFirst("meta[property=article:published_time]").attr("content"))
			.isEqualTo("2014-05-21T09:30+01:00");
		assertThat(page.selectFirst("meta[property=article:modified_time]").attr("content"))
			.isEqualTo("2014-05-23T08:00+01:00");
		assertThat(OffsetDateTime.parse(page.selectFirst("meta[property=article:modified_time]").attr("content")))
			.isEqualTo(OffsetDateTime.parse(json.path("dateModified").asString()));
	}

	@Test
	void feedReadersGetThePublicationTheLastChangeAndTheNotesInTheFullText() throws Exception {
		String xml = new String(this.noted.views().get(Edition.FEED).bytes(), StandardCharsets.UTF_8);
		Feed feed = (Feed) new WireFeedInput().build(new StringReader(xml));
		Entry entry = feed.getEntries().get(0);
		assertThat(entry.getPublished().toInstant()).isEqualTo(OffsetDateTime.parse("2014-05-21T09:30+01:00").toInstant());
		assertThat(entry.getUpdated().toInstant()).isEqualTo(OffsetDateTime.parse("2014-05-23T08:00+01:00").toInstant());
		assertThat(feed.getUpdated()).isEqualTo(entry.getUpdated());
		String content = entry.getContents().stream().map(Content::getValue).findFirst().orElseThrow();
		assertThat(content).contains("Corrections and updates", "<strong class=\"note-label\">Correction</strong>",
				"An earlier version of this article", "Adds a photograph of an Internet palace.",
				"href=\"" + TestPress.CORRECTIONS_POLICY + "\"");
		String sitemap = new String(this.noted.views().get(Edition.SITEMAP).bytes(), StandardCharsets.UTF_8);
		assertThat(sitemap).contains("<lastmod>2014-05-23T08:00+01:00</lastmod>");
	}

	@Test
	void thePublishedArticleGivesNoDateSoHasNoDatelineNoNotesAndNoDates() {
		Document page = page(TestPress.content());
		assertThat(page.select(".dateline, details, .notes, #corrections-and-updates, time")).isEmpty();
		assertThat(page.select("meta[property^=article:]")).isEmpty();
		JsonNode json = jsonLd(page);
		assertThat(json.has("datePublished")).isFalse();
		assertThat(json.has("dateModified")).isFalse();
		assertThat(json.has("correction")).isFalse();
		assertThat(json.path("publisher").has("correctionsPolicy")).isFalse();
	}

}
