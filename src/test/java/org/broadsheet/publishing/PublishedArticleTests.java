package org.broadsheet.publishing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.broadsheet.BroadsheetProperties;
import org.broadsheet.article.Article;
import org.broadsheet.article.ArticleRenderer;
import org.broadsheet.edition.Edition;
import org.broadsheet.edition.Page;
import org.broadsheet.edition.TestPress;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real content/article.md passes every check the application makes at start, so a broken article
 * fails the build before it is deployed; and it reaches the page word for word.
 */
class PublishedArticleTests {

	private final ArticleSource source = new ArticleSource(TestPress.properties("content/article.md"));

	private final Article article = new ArticleRenderer(TestPress.BASE_URL, TestPress.DARKROOM).render(this.source.name(),
			this.source.read(), this.source.images());

	private final Document page = Jsoup.parse(new String(TestPress.of(TestPress.properties("content/article.md"))
		.print(this.article, false, Instant.now())
		.page()
		.bytes(), StandardCharsets.UTF_8));

	@Test
	void theStartWaitsForThePageAloneAndWhatIsAskedForBeforeTheRestIsPrintedWaitsForIt() {
		BroadsheetProperties properties = TestPress.properties("content/article.md", false);
		Publication publication = new Publication(new ArticleSource(properties), TestPress.newPress(properties),
				TestPress.DARKROOM, properties, new StandardEnvironment());
		Edition first = publication.current();
		assertThat(first.views()).as("printed once the app is ready, or asked for").doesNotContainKey(
				Edition.FEED);
		Page feed = publication.view(Edition.FEED);
		assertThat(feed).isNotNull();
		assertThat(feed.contentType()).startsWith("application/atom+xml");
		assertThat(publication.current().views()).containsKey(Edition.FEED);
		assertThat(publication.current().page().bytes()).isEqualTo(first.page().bytes());
		assertThat(publication.view("/no-such-file.xml")).isNull();
	}

	@Test
	void theArticleInContentIsPublishable() {
		assertThat(this.article.title()).isEqualTo("North Korea: Increased Cell Phone Usage Signals Change");
		assertThat(this.article.description()).hasSizeLessThanOrEqualTo(ArticleRenderer.DESCRIPTION_LIMIT);
		assertThat(this.article.author()).as("the source names no author").isNull();
		assertThat(this.article.published()).as("the source gives no date").isNull();
		assertThat(this.article.pictures()).hasSize(3).allSatisfy((picture) -> {
			assertThat(picture.alt()).isNotBlank();
			assertThat(picture.credit()).isNotBlank();
			assertThat(picture.photo().width() * 2).as("3:2").isEqualTo(picture.photo().height() * 3);
		});
		assertThat(this.article.wordCount()).isBetween(700, 900);
	}

	/** Every paragraph of the article's Markdown is on the page, word for word. */
	@Test
	void everyParagraphOfTheMarkdownIsOnThePage() throws Exception {
		String text = normalize(this.page.body().text());
		String markdown = Files.readString(Path.of("content/article.md"));
		String body = markdown.substring(markdown.indexOf("\n---\n", 4) + 5);
		int checked = 0;
		for (String block : body.split("\n\\s*\n")) {
			for (String line : block.split("\n")) {
				String words = line.replaceFirst("^>\\s?", "").replaceFirst("^!\\[.*\\]\\(.*\\)$", "")
					.replaceFirst("^[—–]\\s*", "");
				if (!words.isBlank()) {
					assertThat(text).contains(normalize(words));
					checked++;
				}
			}
		}
		assertThat(checked).isGreaterThan(15);
	}

	/**
	 * Every sentence of the source is on the page, with only the documented repairs of the scrape: the
	 * doubled caption, the missing space after "competitors.", and the bracketed feature credit. A
	 * credit's spoken label, "Photograph:", is in the text a screen reader reads.
	 */
	@Test
	void everyLineOfTheSourceIsOnThePage() throws Exception {
		String text = normalize(this.page.text());
		List<String> lines = Files.readAllLines(Path.of("src/test/resources/source-article.txt"));
		int checked = 0;
		for (String line : lines) {
			String repaired = line.replace("competitors.”The problem", "competitors. “The problem");
			if (repaired.isBlank()) {
				continue;
			}
			if (repaired.startsWith("North Korean soldiers march")) {
				assertThat(text).contains("North Korean soldiers march to celebrate the 60th anniversary of the Kim dynasty "
						+ "Photograph: The Guardian");
			}
			else if (repaired.startsWith("Kim Jong-un greeted by supporters")) {
				assertThat(text).contains("Kim Jong-un greeted by supporters Photograph: The Entire Post");
			}
			else if (repaired.startsWith("[Feature image courtesy of the Global Post]")) {
				assertThat(text).contains("Courtesy of the Global Post");
			}
			else {
				assertThat(text).contains(normalize(repaired));
			}
			checked++;
		}
		assertThat(checked).isEqualTo(15);
	}

	private static String normalize(String text) {
		return text.replaceAll("\\s+", " ").strip();
	}

}
