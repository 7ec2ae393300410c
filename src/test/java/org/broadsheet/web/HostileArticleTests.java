package org.broadsheet.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 2 MB article whose title, description and body carry the classic payloads starts, serves, and
 * reaches the reader as text only.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HostileArticleTests {

	static final String PAYLOADS = "<script>alert(1)</script> <img src=x onerror=alert(1)> "
			+ "<iframe src=//evil.example></iframe> <div onclick=alert(1)>d</div> <svg onload=alert(1)> "
			+ "\"><b onmouseover=alert(1)>quote</b> ' onfocus='alert(1)";

	static final Path ARTICLE = write();

	static Path write() {
		try {
			Path folder = Files.createTempDirectory("hostile");
			StringBuilder body = new StringBuilder();
			body.append(PAYLOADS).append("\n\n[link](javascript:alert(1)) [data](data:text/html,x) [vb](vbscript:x)\n\n");
			while (body.length() < 2 * 1024 * 1024) {
				body.append("Ordinary words of a long article, repeated to make it large. ".repeat(30)).append("\n\n");
			}
			String yamlSafe = PAYLOADS.replace("'", "''");
			return Files.writeString(folder.resolve("article.md"), "---\ntitle: '" + yamlSafe + "'\ndescription: '"
					+ yamlSafe + "'\n---\n" + body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void article(DynamicPropertyRegistry registry) {
		registry.add("broadsheet.article", ARTICLE::toString);
		registry.add("broadsheet.watch", () -> "false");
	}

	@LocalServerPort
	int port;

	@Test
	void payloadsReachTheReaderAsTextOnly() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body().length()).isGreaterThan(2 * 1024 * 1024);
		Document page = Jsoup.parse(response.body());
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
