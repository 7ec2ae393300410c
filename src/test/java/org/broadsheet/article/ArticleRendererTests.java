package org.broadsheet.article;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.broadsheet.photos.CameraFiles;
import org.broadsheet.photos.Darkroom;
import org.broadsheet.photos.Fingerprint;
import org.broadsheet.photos.ImageFiles;
import org.broadsheet.photos.Photo;
import org.broadsheet.photos.Variant;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Pairs Markdown with the HTML it must produce, in the manner of commonmark-java's own tests.
 */
class ArticleRendererTests {

	static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"800\"></svg>";

	static final String STAND_IN = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 200\" "
			+ "data-stand-in=\"true\"></svg>";

	static final Map<String, String> FILES = Map.of("images/photo.svg", SVG, "images/drawing.svg", STAND_IN);

	/** One for all the tests, as one is for the whole application. */
	static final Darkroom DARKROOM = new Darkroom(null, 0, org.broadsheet.edition.Palette.page().paper());

	private final ArticleRenderer renderer = new ArticleRenderer("https://news.example.org", DARKROOM);

	static ImageFiles images() {
		return (path) -> FILES.containsKey(path) ? new ByteArrayInputStream(FILES.get(path).getBytes(StandardCharsets.UTF_8))
				: null;
	}

	Article render(String markdown) {
		return this.renderer.render("article.md", markdown.getBytes(StandardCharsets.UTF_8), images());
	}

	Article renderBody(String body) {
		return render("---\ntitle: A title\ndescription: A standfirst.\n---\n" + body);
	}

	void assertRendering(String body, String html) {
		assertThat(renderBody(body).html()).isEqualTo(html);
	}

	String photoUrl() {
		return this.renderer.render("a.md", "---\ntitle: t\ndescription: d\n---\n![x](images/photo.svg)\n"
			.getBytes(StandardCharsets.UTF_8), images()).pictures().get(0).photo().single().url();
	}

	@Test
	void paragraphsAndEmphasis() {
		assertRendering("""
				Plain *emphasis* and **strong**.

				Second paragraph.
				""", """
				<p>Plain <em>emphasis</em> and <strong>strong</strong>.</p>
				<p>Second paragraph.</p>
				""");
	}

	@Test
	void photoWithCaptionAndCreditBecomesAFigure() {
		assertRendering("""
				![Soldiers marching](images/photo.svg)
				Soldiers march in a parade
				— The Guardian
				""", """
				<figure class="photo"><img src="%s" alt="Soldiers marching" width="1200" height="800" \
				loading="lazy" decoding="async"><figcaption>Soldiers march in a parade \
				<span class="credit"><span class="visually-hidden">Illustration: </span>The Guardian</span></figcaption></figure>
				""".formatted(photoUrl()));
	}

	@Test
	void creditMayBeTypedWithTwoHyphens() {
		Article article = renderBody("""
				![Soldiers marching](images/photo.svg)
				Soldiers march
				-- The Guardian
				""");
		assertThat(article.html()).contains("<figcaption>Soldiers march <span class=\"credit\"><span "
				+ "class=\"visually-hidden\">Illustration: </span>The Guardian</span>");
		assertThat(article.pictures().get(0).credit()).isEqualTo("The Guardian");
		assertThat(article.pictures().get(0).caption()).isEqualTo("Soldiers march");
	}

	@Test
	void photoWithoutCaptionHasNoFigcaption() {
		assertRendering("![Soldiers marching](images/photo.svg)\n", """
				<figure class="photo"><img src="%s" alt="Soldiers marching" width="1200" height="800" \
				loading="lazy" decoding="async"></figure>
				""".formatted(photoUrl()));
	}

	@Test
	void photoUrlIsFingerprintedWithAHashOfItsBytes() {
		org.broadsheet.photos.Variant served = this.renderer.render("a.md", "---\ntitle: t\ndescription: d\n---\n![x](images/photo.svg)\n"
			.getBytes(StandardCharsets.UTF_8), images()).pictures().get(0).photo().single();
		assertThat(photoUrl()).isEqualTo("/images/photo-" + Fingerprint.of(served.bytes()) + ".svg");
	}

	@Test
	void standInDrawingIsLabelledAsSuchAndWarned() {
		Article article = renderBody("![A drawing](images/drawing.svg)\nCaption\n");
		assertThat(article.html()).contains("<figure class=\"photo stand-in\">")
			.contains("width=\"300\" height=\"200\"")
			.contains("<span class=\"stand-in-label\">Stand-in drawing: the licensed photo is not yet in place.</span>");
		assertThat(article.warnings()).anyMatch((warning) -> warning.contains("images/drawing.svg is still a stand-in"));
	}

	@Test
	void featurePhotoOpensTheBodyEagerlyWithItsCaptionCreditAndStandInLabel() {
		Article article = render("""
				---
				title: T
				description: D
				image:
				  src: images/drawing.svg
				  alt: A phone
				  caption: A caption
				  credit: Courtesy of the Global Post
				---
				> An opening quote.
				>
				> — Someone
				""");
		assertThat(article.html()).startsWith("""
				<figure class="photo feature stand-in"><img src="%s" alt="A phone" width="300" height="200" \
				fetchpriority="high" decoding="async"><figcaption>A caption <span class="credit"><span class="visually-hidden">Photograph: \
				</span>Courtesy of the Global Post</span> <span class="stand-in-label">Stand-in drawing: the licensed photo is not yet in place.</span>\
				</figcaption></figure>
				<figure class="quote epigraph">
				""".formatted(article.featureImage().photo().single().url()));
		assertThat(article.featureImage().caption()).isEqualTo("A caption");
		assertThat(article.absoluteHtml()).startsWith("<figure class=\"photo feature stand-in\"><img src=\"https://news.example.org/images/drawing-");
		assertThat(article.wordCount()).as("the feature's caption is not the article's text")
			.isEqualTo(renderBody("> An opening quote.\n>\n> — Someone\n").wordCount())
			.isEqualTo(4);
	}

	@Test
	void featurePhotoWithoutCaptionOrCreditHasNoFigcaption() {
		Article article = render("---\ntitle: T\ndescription: D\nimage:\n  src: images/photo.svg\n  alt: A phone\n---\nText.\n");
		assertThat(article.html()).startsWith("<figure class=\"photo feature\"><img src=\"" + photoUrl()
				+ "\" alt=\"A phone\" width=\"1200\" height=\"800\" fetchpriority=\"high\" decoding=\"async\"></figure>\n<p>Text.</p>");
	}

	@Test
	void aCameraFileBecomesAPictureOfWebpWidthsWithAJpegFallbackSizedForTheColumn() {
		byte[] camera = CameraFiles.jpeg(2400, 1600, 1);
		ImageFiles files = (path) -> path.equals("images/parade.jpg") ? new ByteArrayInputStream(camera) : null;
		Article article = this.renderer.render("article.md", """
				---
				title: T
				description: D
				---
				![Soldiers marching](images/parade.jpg)
				A parade
				""".getBytes(StandardCharsets.UTF_8), files);
		Photo photo = article.pictures().get(0).photo();
		assertThat(article.html()).isEqualTo("""
				<figure class="photo"><picture><source type="image/webp" srcset="%s 480w, %s 800w, %s 1200w, %s 1600w" \
				sizes="(min-width: 45rem) 42.5rem, calc(100vw - 2.5rem)"><img src="%s" srcset="%s 480w, %s 800w, %s 1200w, \
				%s 1600w" sizes="(min-width: 45rem) 42.5rem, calc(100vw - 2.5rem)" alt="Soldiers marching" width="1600" \
				height="1067" loading="lazy" decoding="async"></picture><figcaption>A parade</figcaption></figure>
				""".formatted(urls(photo.webp(), photo.jpeg().get(2), photo.jpeg())));
		assertThat(article.absoluteHtml()).as("feed readers get one JPEG about 1200 px wide").isEqualTo("""
				<figure class="photo"><img src="https://news.example.org%s" alt="Soldiers marching" width="1200" \
				height="800"><figcaption>A parade</figcaption></figure>
				""".formatted(photo.jpeg().get(2).url()));
	}

	@Test
	void theFeaturePhotoIsSizedForItsWiderPlaceAndFetchedFirst() {
		byte[] camera = CameraFiles.jpeg(2400, 1600, 1);
		ImageFiles files = (path) -> path.equals("images/lead.jpg") ? new ByteArrayInputStream(camera) : null;
		Article article = this.renderer.render("article.md",
				"---\ntitle: T\ndescription: D\nimage:\n  src: images/lead.jpg\n  alt: A phone\n---\nText.\n"
					.getBytes(StandardCharsets.UTF_8), files);
		Element img = Jsoup.parseBodyFragment(article.html()).selectFirst("figure.feature picture img");
		assertThat(img.attr("sizes")).isEqualTo("(min-width: 60.5rem) 58rem, calc(100vw - 2.5rem)");
		assertThat(img.previousElementSibling().attr("sizes")).isEqualTo(img.attr("sizes"));
		assertThat(img.attr("fetchpriority")).isEqualTo("high");
		assertThat(img.hasAttr("loading")).isFalse();
		assertThat(article.featureImage().photo().crops()).hasSize(3);
	}

	private static Object[] urls(List<Variant> webp, Variant src, List<Variant> jpeg) {
		List<String> urls = new ArrayList<>();
		webp.forEach((variant) -> urls.add(variant.url()));
		urls.add(src.url());
		jpeg.forEach((variant) -> urls.add(variant.url()));
		return urls.toArray();
	}

	@Test
	void quoteWithAttributionBecomesAFigure() {
		assertRendering("""
				Before.

				> The brutal communist regime.
				>
				> — Daily Mail UK
				""", """
				<p>Before.</p>
				<figure class="quote">
				<blockquote>
				<p>The brutal communist regime.</p>
				</blockquote>
				<figcaption class="attribution">— Daily Mail UK</figcaption></figure>
				""");
	}

	@Test
	void attributionMayBeTheQuotesLastLine() {
		assertThat(renderBody("""
				Before.

				> Words of the quote.
				> — Someone
				""").html()).contains("<p>Words of the quote.</p>\n</blockquote>\n"
				+ "<figcaption class=\"attribution\">— Someone</figcaption>");
	}

	@Test
	void quoteThatOpensTheArticleIsItsEpigraph() {
		assertThat(renderBody("""
				> Technology is an instrument of control.
				>
				> — Christopher Mims

				Body.
				""").html()).startsWith("<figure class=\"quote epigraph\">\n<blockquote>");
	}

	@Test
	void quoteWithoutAttributionStaysAPlainBlockQuoteInsideAFigure() {
		assertThat(renderBody("Before.\n\n> Just a quote.\n").html())
			.isEqualTo("<p>Before.</p>\n<figure class=\"quote\">\n<blockquote>\n<p>Just a quote.</p>\n</blockquote>\n"
					+ "</figure>\n");
	}

	@Test
	void quoteOfOnlyADashLineIsKeptAsText() {
		assertThat(renderBody("Before.\n\n> — not an attribution alone\n").html())
			.contains("<p>— not an attribution alone</p>");
	}

	@Test
	void runInQuotesStayInline() {
		assertRendering("He said “it is happening” and left.\n",
				"<p>He said “it is happening” and left.</p>\n");
	}

	@Test
	void rawHtmlIsEscaped() {
		assertRendering("<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)>\n", """
				<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>
				<p>Text &lt;img src=x onerror=alert(1)&gt;</p>
				""");
	}

	@Test
	void javascriptLinkIsDroppedAndItsTextKept() {
		assertRendering("[click me](javascript:alert(1)) and [ok](https://example.org/)\n",
				"<p>click me and <a href=\"https://example.org/\">ok</a></p>\n");
	}

	@Test
	void safeLinksAreKept() {
		assertRendering("[a](http://a.example/) [b](mailto:x@example.org) [c](/relative) [d](#anchor)\n",
				"<p><a href=\"http://a.example/\">a</a> <a href=\"mailto:x@example.org\">b</a> "
						+ "<a href=\"/relative\">c</a> <a href=\"#anchor\">d</a></p>\n");
	}

	@Test
	void feedCopyOfTheBodyHasAbsoluteUrls() {
		Article article = renderBody("[c](/relative) [d](#anchor) [e](https://other.example/x)\n\n"
				+ "![Soldiers](images/photo.svg)\nCaption\n");
		assertThat(article.absoluteHtml()).contains("href=\"https://news.example.org/relative\"")
			.contains("href=\"https://news.example.org/#anchor\"")
			.contains("href=\"https://other.example/x\"")
			.contains("src=\"https://news.example.org" + photoUrl() + "\"");
		assertThat(article.html()).contains("src=\"" + photoUrl() + "\"");
	}

	@Test
	void frontMatterFieldsAreRead() {
		Article article = render("""
				---
				title: "North Korea: A Title"
				description: A standfirst.
				author: Jane Doe
				published: 2014-05-21
				updated: 2014-05-22T10:00:00Z
				lang: en-GB
				image:
				  src: images/photo.svg
				  alt: A phone
				  credit: Courtesy of the Global Post
				citations:
				  - BBC
				  - Daily Mail
				---
				Some words here.
				""");
		assertThat(article.title()).isEqualTo("North Korea: A Title");
		assertThat(article.author()).isEqualTo(new Author("Jane Doe", null));
		assertThat(article.published()).hasToString("2014-05-21T00:00Z");
		assertThat(article.updated()).hasToString("2014-05-22T10:00Z");
		assertThat(article.modified()).isEqualTo(article.updated());
		assertThat(article.lang()).isEqualTo("en-GB");
		assertThat(article.featureImage().credit()).isEqualTo("Courtesy of the Global Post");
		assertThat(article.featureImage().photo().width()).isEqualTo(1200);
		assertThat(article.citations()).containsExactly("BBC", "Daily Mail");
		assertThat(article.wordCount()).isEqualTo(3);
		assertThat(article.readingMinutes()).isEqualTo(1);
	}

	@Test
	void anAuthorMayHaveAPageAboutThem() {
		Article article = render("---\ntitle: T\ndescription: D\nauthor:\n  name: Jane Doe\n  url: https://news.example.org/jane\n---\nText.\n");
		assertThat(article.author()).isEqualTo(new Author("Jane Doe", "https://news.example.org/jane"));
		assertRefused("---\ntitle: T\ndescription: D\nauthor:\n  name: Jane Doe\n  url: javascript:alert(1)\n---\nText.\n",
				"article.md, line 6: \"author.url\" must be a web address starting with https://");
		assertRefused("---\ntitle: T\ndescription: D\nauthor:\n  url: https://x.example/\n---\nText.\n",
				"the front matter has no \"author.name\"");
	}

	@Test
	void optionalFieldsMayBeLeftOut() {
		Article article = renderBody("Text.\n");
		assertThat(article.author()).isNull();
		assertThat(article.published()).isNull();
		assertThat(article.modified()).isNull();
		assertThat(article.featureImage()).isNull();
		assertThat(article.lang()).isEqualTo("en");
	}

	@Test
	void byteOrderMarkAndWindowsLineEndsReadTheSame() {
		String markdown = "---\ntitle: T\ndescription: D\n---\nLine one\nline two.\n\n> Quote\n>\n> — Someone\n";
		Article plain = render(markdown);
		Article windows = this.renderer.render("a.md",
				("\uFEFF" + markdown.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8), images());
		assertThat(windows.html()).isEqualTo(plain.html());
		assertThat(windows.title()).isEqualTo(plain.title());
	}

	@Test
	void readingTimeRoundsToWholeMinutes() {
		Article article = renderBody("word ".repeat(1000) + "\n");
		assertThat(article.wordCount()).isEqualTo(1000);
		assertThat(article.readingMinutes()).isEqualTo(4);
	}

	@Test
	void longDescriptionIsAWarningNotAnError() {
		Article article = render("---\ntitle: T\ndescription: " + "x".repeat(161) + "\n---\nText.\n");
		assertThat(article.warnings()).anyMatch((warning) -> warning.contains("161 characters"));
	}

	@Test
	void controlCharactersPastedFromAWordProcessorAreCleanedWithAWarningNamingTheirLine() {
		Article article = render("---\ntitle: A\u0001 title\ndescription: D\n---\nFirst\u000Bsecond line.\n\n"
				+ "After a page break\u000C, a Windows quote\u0092s.\n");
		assertThat(article.title()).isEqualTo("A title");
		assertThat(article.html()).isEqualTo("<p>First second line.</p>\n<p>After a page break , a Windows quote’s.</p>\n");
		assertThat(article.warnings()).containsExactly(
				"line 2: removed a control character (U+0001) (pasted from a word processor?)",
				"line 5: a vertical tab (U+000B, a manual line break) became a space (pasted from a word processor?)",
				"line 7: a form feed (U+000C, a page break) became a space, U+0092 became \"’\" (pasted from a word processor?)");
	}

	@Test
	void aLineNumberAfterACleanedCharacterIsStillTheFilesOwn() {
		assertRefused("---\ntitle: T\ndescription: D\n---\nA\u000Bb\u000Cc\n\n![](images/photo.svg)\n",
				"article.md, line 7: the image \"images/photo.svg\" has no alt text");
	}

	@Test
	void aControlCharacterThatAYamlEscapeMakesIsRefusedWithItsLine() {
		assertRefused("---\ntitle: \"A\\x01B\"\ndescription: D\n---\nText.\n",
				"article.md, line 2: \"title\" holds a control character (U+0001), which no page or feed may carry");
	}

	@Test
	void aNumericReferenceToAControlCharacterIsDropped() {
		assertRendering("a&#1;b, c&#11;d and `e&#1;f`\n", "<p>ab, cd and <code>e&amp;#1;f</code></p>\n");
	}

	// Front-matter and content errors: each names the file and, where it applies, the line.

	@Test
	void emptyFileIsRefused() {
		assertRefused("", "article.md: the file is empty");
	}

	@Test
	void missingFrontMatterIsRefused() {
		assertRefused("Just text.\n", "article.md, line 1: there is no front matter");
	}

	@Test
	void unclosedFrontMatterIsRefused() {
		assertRefused("---\ntitle: T\n", "article.md, line 1: the front matter is never closed");
	}

	@Test
	void brokenYamlNamesItsLine() {
		assertRefused("---\ntitle: T\ndescription: D\nimage: [unclosed\n---\nText.\n",
				"article.md, line 4: the front matter is not valid YAML");
	}

	@Test
	void unclosedQuoteNamesTheLineItOpensOn() {
		assertRefused("---\ntitle: T\ndescription: \"unclosed\n---\nText.\n",
				"article.md, line 3: the front matter is not valid YAML");
	}

	@Test
	void unclosedBracketNamesTheLineItOpensOn() {
		assertRefused("---\ntitle: T\nlang: [en\ndescription: D\n---\nText.\n",
				"article.md, line 3: the front matter is not valid YAML");
	}

	@Test
	void missingTitleIsRefused() {
		assertRefused("---\ndescription: D\n---\nText.\n", "article.md: the front matter has no \"title\"");
	}

	@Test
	void missingDescriptionIsRefused() {
		assertRefused("---\ntitle: T\n---\nText.\n", "article.md: the front matter has no \"description\"");
	}

	@Test
	void unknownFieldIsRefusedWithItsLine() {
		assertRefused("---\ntitle: T\ndescription: D\ntitel: typo\n---\nText.\n",
				"article.md, line 4: the front matter has an unknown field \"titel\"");
	}

	@Test
	void badDateIsRefused() {
		assertRefused("---\ntitle: T\ndescription: D\npublished: last tuesday\n---\nText.\n",
				"article.md, line 4: \"published\" must be a date");
	}

	@Test
	void missingImageIsRefusedByName() {
		assertRefused("---\ntitle: T\ndescription: D\n---\nText.\n\n![A photo](images/missing.jpg)\n",
				"article.md, line 7: the image \"images/missing.jpg\" does not exist beside the article");
	}

	@Test
	void imageWithoutAltTextIsRefused() {
		assertRefused("---\ntitle: T\ndescription: D\n---\n![](images/photo.svg)\n",
				"article.md, line 5: the image \"images/photo.svg\" has no alt text");
	}

	@Test
	void featureImageWithoutAltTextIsRefused() {
		assertRefused("---\ntitle: T\ndescription: D\nimage:\n  src: images/photo.svg\n---\nText.\n",
				"article.md: the front matter has no \"image.alt\"");
	}

	@Test
	void imageOutsideTheImagesFolderIsRefused() {
		assertRefused("---\ntitle: T\ndescription: D\n---\n![x](javascript:alert(1))\n",
				"article.md, line 5: the image \"javascript:alert(1)\" must be a file in the images folder");
		assertRefused("---\ntitle: T\ndescription: D\n---\n![x](data:image/png;base64,AAAA)\n",
				"must be a file in the images folder");
		assertRefused("---\ntitle: T\ndescription: D\n---\n![x](images/../../etc/passwd.png)\n",
				"must be a file in the images folder");
	}

	@Test
	void imageSharingItsLineWithTextIsRefused() {
		assertRefused("---\ntitle: T\ndescription: D\n---\nText ![x](images/photo.svg) more.\n",
				"article.md, line 5: the image \"images/photo.svg\" shares its line with text");
	}

	@Test
	void invalidUtf8IsRefusedWithItsLine() {
		byte[] bytes = "---\ntitle: T\ndescription: D\n---\nCaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
		assertThatExceptionOfType(ArticleException.class)
			.isThrownBy(() -> this.renderer.render("article.md", bytes, images()))
			.withMessageStartingWith("article.md, line 5: the file is not valid UTF-8");
	}

	@Test
	void emptyBodyIsRefused() {
		assertRefused("---\ntitle: T\ndescription: D\n---\n\n", "article.md, line 5: the article has no text");
	}

	private void assertRefused(String markdown, String message) {
		assertThatExceptionOfType(ArticleException.class).isThrownBy(() -> render(markdown))
			.withMessageContaining(message);
	}

}
