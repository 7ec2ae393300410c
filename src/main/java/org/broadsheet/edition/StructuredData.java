package org.broadsheet.edition;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.broadsheet.BroadsheetProperties;
import org.broadsheet.article.Article;
import org.broadsheet.article.Picture;
import org.broadsheet.photos.Variant;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The article as schema.org {@code NewsArticle} JSON-LD, built from typed data with Jackson. It is
 * written into the page inside a {@code <script>} data block, so {@code <}, {@code >} and {@code &}
 * are escaped as {@code \u003C} and so on: no title can close the block.
 */
final class StructuredData {

	private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder().characterEscapes(new HtmlSafe()).build())
		.build();

	private StructuredData() {
	}

	/**
	 * @param logoUrl the publisher's logo, absolute: the one configured, or the one drawn
	 * @param logoSize its width and height when known (drawn), else null
	 */
	static String newsArticle(Article article, BroadsheetProperties site, SocialImage socialImage, String logoUrl,
			Integer logoSize) {
		String url = site.baseUrl() + "/";
		// Photos first, as search engines take the first image; the lead photo as its 16:9, 4:3 and 1:1
		// crops, which Google's article guidelines ask for. The drawn card when there is no photo.
		List<ImageObject> images = new ArrayList<>();
		Picture lead = article.featureImage();
		if (lead != null && lead.photo().developed()) {
			List<Variant> crops = lead.photo().crops();
			for (Variant crop : crops.isEmpty() ? List.of(lead.photo().single()) : crops) {
				images.add(ImageObject.of(site.baseUrl(), crop, lead));
			}
		}
		for (Picture picture : article.pictures()) {
			if (picture != lead && picture.photo().developed()) {
				images.add(ImageObject.of(site.baseUrl(), picture.photo().single(), picture));
			}
		}
		if (images.isEmpty()) {
			images.add(new ImageObject(socialImage.url(), socialImage.width(), socialImage.height(), article.title(),
					null, null, null));
		}
		for (Picture picture : article.pictures()) {
			if (!picture.photo().developed()) {
				images.add(ImageObject.of(site.baseUrl(), picture.photo().single(), picture));
			}
		}
		Organization publisher = new Organization(site.siteName(), url,
				new ImageObject(logoUrl, logoSize, logoSize, null, null, null, null), site.correctionsPolicy(),
				site.publishingPrinciples());
		List<CorrectionComment> corrections = article.dates().corrections().stream()
			.map((note) -> new CorrectionComment(note.text(), note.date()))
			.toList();
		NewsArticle data = new NewsArticle(new WebPage(url), url, article.title(), article.description(),
				article.lang(), images, publisher,
				(article.author() != null) ? List.of(new Person(article.author().name(), article.author().url())) : null, article.published(),
				article.modified(), article.wordCount(), "PT" + article.readingMinutes() + "M",
				article.citations().isEmpty() ? null
						: article.citations().stream().map((name) -> new CreativeWork(Organization.named(name))).toList(),
				corrections.isEmpty() ? null : corrections);
		return JSON.writeValueAsString(data);
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonPropertyOrder({ "@context", "@type" })
	record NewsArticle(WebPage mainEntityOfPage, String url, String headline, String description, String inLanguage,
			List<ImageObject> image, Organization publisher, List<Person> author, OffsetDateTime datePublished,
			OffsetDateTime dateModified, int wordCount, String timeRequired, List<CreativeWork> citation,
			List<CorrectionComment> correction) {

		@JsonProperty("@context")
		String context() {
			return "https://schema.org";
		}

		@JsonProperty("@type")
		String type() {
			return "NewsArticle";
		}

	}

	record WebPage(@JsonProperty("@id") String id) {

		@JsonProperty("@type")
		String type() {
			return "WebPage";
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ImageObject(String url, Integer width, Integer height, String caption, String creditText, Organization creator,
			Organization copyrightHolder) {

		static ImageObject of(String baseUrl, Variant file, Picture picture) {
			String caption = picture.caption().isEmpty() ? picture.alt() : picture.caption();
			Organization credit = picture.credit().isEmpty() ? null : Organization.named(creditee(picture.credit()));
			return new ImageObject(baseUrl + file.url(), file.width(), file.height(), caption,
					picture.credit().isEmpty() ? null : picture.credit(), credit, credit);
		}

		/** "Courtesy of the Global Post" credits the Global Post. */
		private static String creditee(String credit) {
			return credit.replaceFirst("(?i)^(courtesy of|via|photo:|photograph:|image:)\\s+", "");
		}

		@JsonProperty("@type")
		String type() {
			return "ImageObject";
		}

	}

	/** A correction, as schema.org and the Trust Project ask it to be marked up: what it says, and when. */
	record CorrectionComment(String text, OffsetDateTime datePublished) {

		@JsonProperty("@type")
		String type() {
			return "CorrectionComment";
		}

	}

	/**
	 * @param correctionsPolicy and {@code publishingPrinciples}: the publisher's pages on how it corrects
	 * mistakes and what it stands by, as the Trust Project's indicators ask
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Organization(String name, String url, ImageObject logo, String correctionsPolicy,
			String publishingPrinciples) {

		static Organization named(String name) {
			return new Organization(name, null, null, null, null);
		}

		@JsonProperty("@type")
		String type() {
			return "Organization";
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Person(String name, String url) {

		@JsonProperty("@type")
		String type() {
			return "Person";
		}

	}

	record CreativeWork(Organization publisher) {

		@JsonProperty("@type")
		String type() {
			return "CreativeWork";
		}

	}

	/** Escapes the characters that could end a script block or start markup. */
	private static final class HtmlSafe extends CharacterEscapes {

		private final int[] escapes = standardAsciiEscapesForJSON();

		HtmlSafe() {
			this.escapes['<'] = ESCAPE_STANDARD;
			this.escapes['>'] = ESCAPE_STANDARD;
			this.escapes['&'] = ESCAPE_STANDARD;
		}

		@Override
		public int[] getEscapeCodesForAscii() {
			return this.escapes;
		}

		@Override
		public tools.jackson.core.SerializableString getEscapeSequence(int ch) {
			return null;
		}

	}

}
