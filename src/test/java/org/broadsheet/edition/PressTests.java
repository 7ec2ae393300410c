package org.broadsheet.edition;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import java.util.regex.Pattern;

import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.io.WireFeedInput;
import org.broadsheet.BroadsheetProperties;
import org.broadsheet.article.Article;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page as printed: its parts in order, photos and quotes with their credits, an article with
 * nothing but what is required, and one carrying the classic payloads, which reach the reader as
 * text only.
 */
class PressTests {

	static final String PAYLOADS = "<script>alert(1)</script> <img src=x onerror=alert(1)> "
			+ "<iframe src=//evil.example></iframe> <div onclick=alert(1)>d</div> <svg onload=alert(1)> "
			+ "\"><b onmouseover=alert(1)>quote</b> ' onfocus='alert(1)";

	@TempDir
	Path folder;

	static Document page(Edition edition) {
		return Jsoup.parse(new String(edition.page().bytes(), StandardCharsets.UTF_8));
	}

	Edition print(String markdown, boolean preview) throws IOException {
		Path file = Files.writeString(this.folder.resolve("article.md"), markdown);
		Article article = TestPress.render(file);
		return TestPress.of(TestPress.properties(file.toString())).print(article, preview, Instant.now());
	}

	@Test
	void theFirstEditionIsThePageAsPrintedWholeAndItsFeedAndDrawingsFollowWhereThePageSays() throws IOException {
		BroadsheetProperties properties = TestPress.properties("content/article.md");
		Press press = TestPress.newPress(properties);
		Article article = TestPress.render(Path.of("content/article.md"));
		Instant time = Instant.parse("2026-01-01T00:00:00Z");
		Edition first = press.printFirst(article, null, time, History.NONE);
		Document page = page(first);
		String card = page.selectFirst("meta[property=og:image]").attr("content").substring(TestPress.BASE_URL.length());
		String icon = page.selectFirst("link[rel=apple-touch-icon]").attr("href");
		assertThat(first.views()).as("what the start does not wait for").doesNotContainKeys(Edition.FEED, card, icon);
		assertThat(first.views()).containsKeys(Edition.SITEMAP, Edition.ROBOTS, Edition.FAVICON);

		Edition whole = press.print(article, false, time, History.NONE);
		assertThat(whole.page().bytes()).as("the same page, so the same ETag").isEqualTo(first.page().bytes());
		assertThat(whole.views()).containsKeys(Edition.FEED, card, icon);
		assertThat(whole.views().get(card).contentType()).isEqualTo("image/png");
		assertThat(whole.views().get(card).bytes()).startsWith(0x89, 'P', 'N', 'G');
		assertThat(press.printFirst(article, null, time, History.NONE).views()).as("drawn once, kept")
			.containsKeys(card, icon).doesNotContainKey(Edition.FEED);

		Article retitled = TestPress.render(Files.writeString(this.folder.resolve("article.md"),
				"---\ntitle: Another headline\ndescription: D\n---\nText.\n"));
		String other = page(press.print(retitled, false, time, History.NONE)).selectFirst("meta[property=og:image]")
			.attr("content");
		assertThat(other).as("a new headline, a new card at a new address").isNotEqualTo(TestPress.BASE_URL + card)
			.matches(Pattern.quote(TestPress.BASE_URL) + "/card-[0-9a-f]{20}\\.png");
	}

	@Test
	void headlineStandfirstAndReadingTimeComeFirstThenTheFeaturePhotoOpensTheBody() {
		Document page = page(TestPress.content());
		List<String> order = new ArrayList<>();
		for (Element child : page.selectFirst("article > header").children()) {
			order.add(child.className());
		}
		assertThat(order).containsExactly("headline", "standfirst", "article-meta");
		assertThat(page.selectFirst(".article-meta").text()).matches("\\d+ min read");
		List<String> body = page.select(".article-body > *").stream().limit(2).map(Element::className).toList();
		assertThat(body).containsExactly("photo feature stand-in", "quote epigraph");
		assertThat(page.select("figure.feature")).hasSize(1);
	}

	@Test
	void captionsCarryTheirCreditsAndQuotesTheirAttributions() {
		Document page = page(TestPress.content());
		assertThat(page.select("figure.photo figcaption .credit").eachText()).containsExactly(
				"Photograph: Courtesy of the Global Post", "Photograph: The Guardian", "Photograph: The Entire Post");
		assertThat(page.select("figure.quote figcaption.attribution").eachText()).containsExactly(
				"— Christopher Mims, the Wall Street Journal", "— Daily Mail UK");
		assertThat(page.select("figure.stand-in .stand-in-label")).hasSize(3);
		assertThat(page.select("figure.photo img[loading=lazy]")).hasSize(2);
		assertThat(page.select("figure.feature img").attr("fetchpriority")).isEqualTo("high");
		assertThat(page.select("figure.feature img").hasAttr("loading")).isFalse();
	}

	@Test
	void anArticleWithOnlyATitleADescriptionAndTextIsPrinted() throws IOException {
		Edition edition = print("---\ntitle: A title\ndescription: A standfirst.\n---\nJust text.\n", false);
		Document page = page(edition);
		assertThat(page.title()).isEqualTo("A title");
		assertThat(page.selectFirst("h1").text()).isEqualTo("A title");
		assertThat(page.select(".article-body > *").eachText()).containsExactly("Just text.");
		assertThat(page.select(".article-meta > *").eachAttr("class")).containsExactly("reading-time");
		assertThat(page.select("figure, img, time, .author, .byline")).isEmpty();
		assertThat(edition.socialImage().url()).as("the drawn card stands in for a photo").contains("/card-");
	}

	@Test
	void theDrawnCardAndLogosAreInThePagesOwnColours() throws IOException {
		Palette palette = Palette.page();
		String css = new String(Palette.stylesheetBytes(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(css).contains("--paper: #fbf9f4", "--accent: #a3191f", "--ink: #1c1b19");
		assertThat(palette.paper().getRGB() & 0xffffff).isEqualTo(0xfbf9f4);
		assertThat(palette.accent().getRGB() & 0xffffff).isEqualTo(0xa3191f);
		Edition edition = print("---\ntitle: A title\ndescription: A standfirst.\n---\nJust text.\n", false);
		java.awt.image.BufferedImage card = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
				edition.views().get(edition.socialImage().url().replace(TestPress.BASE_URL, "")).bytes()));
		assertThat(card.getRGB(600, 8) & 0xffffff).as("the card's rule is the page's accent").isEqualTo(0xa3191f);
		assertThat(card.getRGB(600, 620) & 0xffffff).as("on the page's paper").isEqualTo(0xfbf9f4);
		assertThat(Palette.of(":root { --paper: #000000; --ink: #111111; --muted: #222222; --rule: #333333; "
				+ "--accent: #444444; }").accent().getRGB() & 0xffffff).isEqualTo(0x444444);
	}

	@Test
	void previewPagesAreNotCachedByTheBrowserButPublishedOnesAre() throws IOException {
		String markdown = "---\ntitle: T\ndescription: D\n---\nText.\n";
		Edition preview = print(markdown, true);
		assertThat(preview.page().cacheControl()).isEqualTo("no-cache");
		assertThat(preview.views().get(Edition.FEED).cacheControl()).isEqualTo("no-cache");
		Edition published = print(markdown, false);
		assertThat(published.page().cacheControl()).isEqualTo("public, max-age=300, stale-while-revalidate=86400, stale-if-error=86400");
		assertThat(published.notFound().cacheControl()).isEqualTo("no-store");
	}

	/**
	 * The article names no author, so nothing on the page may look like one to a scraper: link-preview
	 * services such as metascraper take any {@code [class*=byline]} or {@code [class*=author]} text,
	 * and would report "3 min read" as the author.
	 */
	@Test
	void withoutAnAuthorNothingOnThePageLooksLikeOne() {
		Document page = page(TestPress.content());
		assertThat(page.select("[class*=byline], [class*=author], [rel=author], [itemprop*=author], "
				+ "meta[name=author], meta[property=article:author]")).isEmpty();
		assertThat(page.selectFirst(".reading-time").text()).matches("\\d+ min read");
	}

	/** An author the front matter names is found the standard ways: byline, rel, meta and JSON-LD. */
	@Test
	void anAuthorIsFoundTheStandardWays() throws Exception {
		Edition linked = print("---\ntitle: T\ndescription: D\nauthor:\n  name: Jane Doe\n  url: https://news.example.org/jane\n"
				+ "---\nText.\n", false);
		Document page = page(linked);
		assertThat(page.selectFirst(".article-meta .byline").text()).isEqualTo("By Jane Doe");
		assertThat(page.selectFirst(".byline a[rel=author]").attr("href")).isEqualTo("https://news.example.org/jane");
		assertThat(page.selectFirst("meta[name=author]").attr("content")).isEqualTo("Jane Doe");
		assertThat(page.selectFirst("meta[property=article:author]").attr("content")).isEqualTo("https://news.example.org/jane");
		JsonNode author = JsonMapper.shared().readTree(page.selectFirst("script[type=application/ld+json]").data())
			.path("author").get(0);
		assertThat(author.path("@type").asString()).isEqualTo("Person");
		assertThat(author.path("name").asString()).isEqualTo("Jane Doe");
		assertThat(author.path("url").asString()).isEqualTo("https://news.example.org/jane");
		Feed feed = (Feed) new WireFeedInput().build(new StringReader(
				new String(linked.views().get(Edition.FEED).bytes(), StandardCharsets.UTF_8)));
		assertThat(feed.getEntries().get(0).getAuthors()).singleElement()
			.satisfies((person) -> assertThat(person.getName() + " " + person.getUri())
				.isEqualTo("Jane Doe https://news.example.org/jane"));

		Document plain = page(print("---\ntitle: T\ndescription: D\nauthor: Jane Doe\n---\nText.\n", false));
		assertThat(plain.selectFirst(".byline").text()).isEqualTo("By Jane Doe");
		assertThat(plain.select("[rel=author]")).as("a rel needs a page to point to").isEmpty();
		assertThat(plain.selectFirst("meta[property=article:author]").attr("content")).isEqualTo("Jane Doe");
	}

	/** A screen reader says what a credit is, as the Guardian's pages print it: "Photograph: ...". */
	@Test
	void aCreditHasASpokenLabel() throws IOException {
		Files.createDirectories(this.folder.resolve("images"));
		Files.writeString(this.folder.resolve("images/map.svg"),
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"30\" height=\"20\"></svg>");
		Document page = page(print("---\ntitle: T\ndescription: D\n---\n![A map](images/map.svg)\nThe border\n— Jane Doe\n", false));
		assertThat(page.selectFirst(".credit .visually-hidden").text()).isEqualTo("Illustration:");
		assertThat(page.selectFirst(".credit").text()).isEqualTo("Illustration: Jane Doe");
		Document photos = page(TestPress.camera());
		assertThat(photos.select("figure.photo .credit .visually-hidden").eachText()).containsOnly("Photograph:").hasSize(3);
	}

	/**
	 * Text pasted from a word processor, with its line and page breaks and a stray control character,
	 * and references to control characters: the page and a feed that parses, as XML allows none.
	 */
	@Test
	void controlCharactersReachNeitherThePageNorTheFeed() throws Exception {
		Edition edition = print("---\ntitle: Pasted\ndescription: From Word\u000B.\n---\nA\u0001b\u000Cc &#1;&#8;d.\n", false);
		Feed feed = (Feed) new WireFeedInput().build(new StringReader(
				new String(edition.views().get(Edition.FEED).bytes(), StandardCharsets.UTF_8)));
		assertThat(feed.getEntries().get(0).getContents().get(0).getValue()).contains("<p>Ab c d.</p>");
		assertThat(new String(edition.page().bytes(), StandardCharsets.UTF_8)).doesNotContainPattern("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]")
			.contains("From Word .");
	}

	/** A 2 MB article whose title, description and body carry the classic payloads. */
	@Test
	void payloadsReachTheReaderAsTextOnly() throws IOException {
		StringBuilder body = new StringBuilder();
		body.append(PAYLOADS).append("\n\n[link](javascript:alert(1)) [data](data:text/html,x) [vb](vbscript:x)\n\n");
		while (body.length() < 2 * 1024 * 1024) {
			body.append("Ordinary words of a long article, repeated to make it large. ".repeat(30)).append("\n\n");
		}
		String yamlSafe = PAYLOADS.replace("'", "''");
		Edition edition = print("---\ntitle: '" + yamlSafe + "'\ndescription: '" + yamlSafe + "'\n---\n" + body, false);
		assertThat(edition.page().bytes().length).isGreaterThan(2 * 1024 * 1024);
		Document page = page(edition);
		assertThat(page.select("script:not([type=application/ld+json]), iframe, svg, object, embed, b, div[onclick]"))
			.isEmpty();
		for (Element element : page.getAllElements()) {
			for (Attribute attribute : element.attributes()) {
				assertThat(attribute.getKey()).as(element.tagName()).doesNotStartWith("on");
				assertThat(attribute.getValue().toLowerCase()).doesNotStartWith("javascript:")
					.doesNotStartWith("data:")
					.doesNotStartWith("vbscript:");
			}
		}
		assertThat(page.title()).isEqualTo(PAYLOADS);
		assertThat(page.selectFirst("h1").text()).isEqualTo(PAYLOADS);
		assertThat(page.selectFirst("meta[name=description]").attr("content")).isEqualTo(PAYLOADS);
		assertThat(page.selectFirst(".article-body p").text()).isEqualTo(PAYLOADS);
		assertThat(page.select(".article-body a")).isEmpty();
	}

}
