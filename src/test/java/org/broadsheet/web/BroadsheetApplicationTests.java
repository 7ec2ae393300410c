package org.broadsheet.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application on a real port, checked as a reader's browser would fetch it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BroadsheetApplicationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	Document page() throws Exception {
		HttpResponse<byte[]> response = get("/");
		assertThat(response.statusCode()).isEqualTo(200);
		return Jsoup.parse(new String(response.body(), StandardCharsets.UTF_8), "http://localhost:" + this.port + "/");
	}

	@Test
	void stylesheetIsFingerprintedAndCachedForAYear() throws Exception {
		Element link = page().selectFirst("link[rel=stylesheet]");
		assertThat(link.attr("href")).matches("/css/site-[0-9a-f]{32}\\.css");
		HttpResponse<byte[]> css = get(link.attr("href"));
		assertThat(css.statusCode()).isEqualTo(200);
		assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/css"));
		assertThat(css.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");
	}

	@Test
	void everyPhotoIsServedFromTheArticlesFolderWithItsSize() throws Exception {
		List<Element> images = page().select("img");
		assertThat(images).hasSize(3);
		for (Element img : images) {
			assertThat(img.attr("src")).matches("/images/[a-z-]+-[0-9a-f]{32}\\.svg");
			assertThat(img.attr("alt")).isNotBlank();
			assertThat(img.attr("width")).isEqualTo("1200");
			assertThat(img.attr("height")).isEqualTo("800");
			HttpResponse<byte[]> photo = get(img.attr("src"));
			assertThat(photo.statusCode()).as(img.attr("src")).isEqualTo(200);
			assertThat(photo.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
			assertThat(photo.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");
		}
		assertThat(page().select("figure.photo img[loading=lazy]")).hasSize(2);
		assertThat(page().select("figure.feature img").attr("fetchpriority")).isEqualTo("high");
	}

	@Test
	void captionsCarryTheirCreditsAndQuotesTheirAttributions() throws Exception {
		Document page = page();
		assertThat(page.select("figure.photo figcaption .credit").eachText()).containsExactly(
				"Courtesy of the Global Post", "The Guardian", "The Entire Post");
		assertThat(page.select("figure.quote figcaption.attribution").eachText()).containsExactly(
				"— Christopher Mims, the Wall Street Journal", "— Daily Mail UK");
		assertThat(page.selectFirst(".article-body > *").is("figure.quote.epigraph")).isTrue();
		assertThat(page.select("figure.stand-in .stand-in-label")).hasSize(3);
	}

	@Test
	void headlineStandfirstReadingTimeAndFeatureImageComeInOrder() throws Exception {
		Element header = page().selectFirst("article > header");
		List<String> order = new ArrayList<>();
		for (Element child : header.children()) {
			order.add(child.className());
		}
		assertThat(order).containsExactly("headline", "standfirst", "byline", "photo feature stand-in");
		assertThat(header.selectFirst(".byline").text()).matches("\\d+ min read");
	}

	@Test
	void unknownPathGetsTheNotFoundPageInTheSameLayout() throws Exception {
		HttpResponse<byte[]> response = get("/no/such/page");
		assertThat(response.statusCode()).isEqualTo(404);
		Document page = Jsoup.parse(new String(response.body(), StandardCharsets.UTF_8));
		assertThat(page.select("link[rel=stylesheet]").attr("href")).startsWith("/css/site-");
		assertThat(page.select("main a[href=/]").text()).isEqualTo("North Korea: Increased Cell Phone Usage Signals Change");
		assertThat(page.select("meta[name=robots]").attr("content")).isEqualTo("noindex");
	}

	@Test
	void directRequestForTheErrorPathIsNotFound() throws Exception {
		assertThat(get("/error").statusCode()).isEqualTo(404);
	}

	/**
	 * Every paragraph of the article's Markdown is on the page, word for word.
	 */
	@Test
	void everyParagraphOfTheMarkdownIsOnThePage() throws Exception {
		String text = normalize(page().body().text());
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
	 * doubled caption, the missing space after "competitors.", and the bracketed feature credit.
	 */
	@Test
	void everyLineOfTheSourceIsOnThePage() throws Exception {
		String text = normalize(page().text());
		List<String> lines = Files.readAllLines(Path.of("src/test/resources/source-article.txt"));
		int checked = 0;
		for (String line : lines) {
			String repaired = line.replace("competitors.”The problem", "competitors. “The problem");
			if (repaired.isBlank()) {
				continue;
			}
			if (repaired.startsWith("North Korean soldiers march")) {
				assertThat(text).contains("North Korean soldiers march to celebrate the 60th anniversary of the Kim dynasty The Guardian");
			}
			else if (repaired.startsWith("Kim Jong-un greeted by supporters")) {
				assertThat(text).contains("Kim Jong-un greeted by supporters The Entire Post");
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
