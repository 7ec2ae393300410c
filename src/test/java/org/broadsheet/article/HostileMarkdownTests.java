package org.broadsheet.article;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The classic payloads, written into an article as if an attacker were its editor. None of them may
 * reach a reader as markup.
 */
class HostileMarkdownTests {

	private final ArticleRenderer renderer = new ArticleRenderer("https://news.example.org", ArticleRendererTests.DARKROOM);

	Article render(String markdown) {
		return this.renderer.render("article.md", markdown.getBytes(StandardCharsets.UTF_8),
				(path) -> new java.io.ByteArrayInputStream(ArticleRendererTests.SVG.getBytes(StandardCharsets.UTF_8)));
	}

	Article body(String body) {
		return render("---\ntitle: T\ndescription: D\n---\n" + body + "\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
			"<iframe src=\"https://evil.example\"></iframe>", "<div onclick=\"alert(1)\">click</div>",
			"<svg onload=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>", "<style>body{display:none}</style>",
			"<!-- comment --><object data=x></object>" })
	void rawHtmlIsEscaped(String payload) {
		String html = body("Text " + payload + " text\n\n" + payload).html();
		assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<iframe")
			.doesNotContain("<div").doesNotContain("<svg").doesNotContain("<a ").doesNotContain("<style")
			.doesNotContain("<object").doesNotContain("<!--").contains("&lt;");
	}

	@ParameterizedTest
	@ValueSource(strings = { "javascript:alert(1)", "JavaScript:alert(1)", "java\tscript:alert(1)",
			"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "vbscript:msgbox(1)", "  javascript:alert(1)",
			"jav&#x61;script:alert(1)", "javascript&colon;alert(1)" })
	void dangerousLinksAreDroppedAndTheirTextKept(String url) {
		for (String markdown : new String[] { "[click](" + url.replace(" ", "%20") + ")", "[click][r]\n\n[r]: <" + url + ">",
				"<" + url.strip() + ">" }) {
			String html = body(markdown).html().toLowerCase();
			assertThat(html).as(markdown).doesNotContain("<a ").doesNotContain("href=");
		}
		assertThat(body("[click](" + url.strip().replace(" ", "").replace("\t", "") + ")").html()).contains("click");
	}

	@Test
	void quoteCannotBreakOutOfAnAttribute() {
		String html = body("[x](https://example.org/\"onmouseover=\"alert(1))\n\n"
				+ "[y](<https://example.org/\" onclick=\"alert(1)>)").html();
		for (org.jsoup.nodes.Element link : org.jsoup.Jsoup.parseBodyFragment(html).select("a")) {
			assertThat(link.attributes().size()).as(link.outerHtml()).isEqualTo(1);
			assertThat(link.attr("href")).startsWith("https://example.org/");
		}
		assertThat(html).contains("&quot;");
	}

	@Test
	void altTextCannotBreakOutOfItsAttribute() {
		// raw HTML in alt text is dropped, as commonmark's plain text of an image description drops it
		Map<String, String> alts = Map.of("x\" onerror=\"alert(1)", "x\" onerror=\"alert(1)", "x' onerror='alert(1)",
				"x' onerror='alert(1)", "x\"><script>alert(1)</script>", "x\">alert(1)");
		for (Map.Entry<String, String> alt : alts.entrySet()) {
			String html = body("![" + alt.getKey() + "](images/x.svg)\nA caption \" onclick=\"alert(1)").html();
			org.jsoup.nodes.Element img = org.jsoup.Jsoup.parseBodyFragment(html).selectFirst("img");
			assertThat(img).as(html).isNotNull();
			assertThat(img.attributes().asList()).extracting(org.jsoup.nodes.Attribute::getKey)
				.containsExactly("src", "alt", "width", "height", "loading", "decoding");
			assertThat(img.attr("alt")).isEqualTo(alt.getValue());
			assertThat(org.jsoup.Jsoup.parseBodyFragment(html).select("script, [onerror], [onclick]")).isEmpty();
		}
	}

	@Test
	void twentyThousandNestedBracketsRenderInWellUnderASecond() {
		String brackets = "[".repeat(20_000) + "x" + "]".repeat(20_000) + "\n\n" + "(".repeat(20_000) + "\n\n"
				+ "*a **".repeat(5_000) + "\n\n" + ">".repeat(5_000) + " deep";
		Article article = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> body(brackets));
		assertThat(article.html()).contains("[[[[x]]]]");
	}

	@Test
	void twoMegabyteArticleRenders() {
		String paragraph = "A paragraph of ordinary words that goes on for a while, as articles do. ".repeat(20);
		StringBuilder text = new StringBuilder();
		while (text.length() < 2 * 1024 * 1024) {
			text.append(paragraph).append("\n\n");
		}
		Article article = body(text.toString());
		assertThat(article.wordCount()).isGreaterThan(300_000);
		assertThat(article.html().length()).isGreaterThan(2 * 1024 * 1024);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "---\ntitle: T\ndescription: D\n\"x\\n2026-12-01 INFO Published by the editor-in-chief\": 1\n---\nText\n",
			"---\ntitle: T\ndescription: D\nlang: \"en\\r\\n2026-12-01 INFO forged\"\n---\nText\n",
			"---\ntitle: T\ndescription: D\n---\n![A photo](<images/a&#10;2026-12-01 INFO forged.jpg>)\n",
			"---\ntitle: T\ndescription: D\n---\n![A photo](images/\u202Egpj.exe)\n" })
	void whatAnEditorTypedCannotForgeALogLine(String article) {
		org.assertj.core.api.Assertions.assertThatExceptionOfType(ArticleException.class)
			.isThrownBy(() -> render(article))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\n").doesNotContain("\r")
				.doesNotContain("\u202E"));
	}

	@Test
	void controlCharactersAreEscapedForLogsAndEverythingElseIsKept() {
		assertThat(ControlCharacters.escaped("a\nb\rc\td\u0000e\u0085f\u2028g\u202Eh «ü»"))
			.isEqualTo("a\\nb\\rc\\td\\u0000e\\u0085f\\u2028g\\u202Eh «ü»");
	}

}
