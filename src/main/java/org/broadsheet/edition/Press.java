package org.broadsheet.edition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.broadsheet.BroadsheetProperties;
import org.broadsheet.article.Article;
import org.broadsheet.article.Picture;
import org.broadsheet.photos.Variant;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Prints an {@link Edition}: runs the article through the Thymeleaf layout once, so that no request
 * ever waits on a template.
 */
@Component
public class Press {

	private final ITemplateEngine templates;

	private final BroadsheetProperties properties;

	/** The stylesheet and favicon, read once from the jar and served as the edition's pages are. */
	private final Page stylesheet;

	private final Page favicon;

	/** The link-preview card and the publication's marks, drawn when an edition is printed whole. */
	private final Drawings drawings;

	Press(ITemplateEngine templates, BroadsheetProperties properties) {
		this.templates = templates;
		this.properties = properties;
		this.stylesheet = Page.of("text/css;charset=UTF-8", ResponseHeaders.IMMUTABLE_CACHE, Palette.stylesheetBytes());
		this.favicon = Page.of("image/svg+xml", ResponseHeaders.FAVICON_CACHE, staticFile("favicon.svg"));
		this.drawings = new Drawings(properties.siteName());
	}

	private static byte[] staticFile(String path) {
		try (InputStream in = new ClassPathResource("static/" + path).getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The jar lacks static/" + path, ex);
		}
	}

	/** The stylesheet's fingerprinted URL, as the page links it. */
	private String stylesheetPath() {
		return Edition.STYLESHEETS + "site-" + this.stylesheet.etag().replace("\"", "") + ".css";
	}

	/**
	 * @param preview whether an editor is previewing, so that browsers must ask again on every load
	 * @param versionTime when the article last changed, for the feed when the front matter gives no date
	 */
	public Edition print(Article article, boolean preview, Instant versionTime) {
		return print(article, preview, versionTime, History.NONE);
	}

	/**
	 * The whole edition: the article page and every view.
	 * @param history the article's published versions: when there is more than one, a history page, a
	 * page for each and a TimeMap are printed too, and the article links to them
	 */
	public Edition print(Article article, boolean preview, Instant versionTime, History history) {
		return print(article, preview ? PREVIEWED : null, versionTime, history, true);
	}

	/**
	 * The whole edition, previewed or published.
	 * @param live while an editor previews, what names this edition to the browsers that follow each save
	 * ({@link LivePreview}); null when it is published
	 */
	public Edition print(Article article, String live, Instant versionTime, History history) {
		return print(article, live, versionTime, history, true);
	}

	/**
	 * The edition as the start waits for it: the article page, byte for byte as {@link #print} prints it,
	 * and the views that cost little; the feed and the drawn images (unless drawn for an earlier edition)
	 * are left for {@link #print}, which the publication runs next, off the start's path.
	 */
	public Edition printFirst(Article article, String live, Instant versionTime, History history) {
		return print(article, live, versionTime, history, false);
	}

	/** What names a previewed edition when nothing else does. */
	static final String PREVIEWED = "previewed";

	private Edition print(Article article, String live, Instant versionTime, History history, boolean whole) {
		boolean preview = live != null;
		String cache = preview ? ResponseHeaders.PREVIEW_CACHE : ResponseHeaders.PUBLISHED_CACHE;
		String cardPath = this.drawings.card(article.title());
		SocialImage socialImage = socialImage(article, cardPath);
		String logoUrl = (this.properties.publisherLogo() != null) ? this.properties.publisherLogo()
				: this.properties.baseUrl() + this.drawings.logo();
		Integer logoSize = (this.properties.publisherLogo() != null) ? null : Logo.PUBLISHER;
		Map<String, Object> head = new HashMap<>(Map.of("social", socialImage, "jsonLd",
				StructuredData.newsArticle(article, this.properties, socialImage, logoUrl, logoSize), "feedUrl",
				this.properties.baseUrl() + "/feed.xml", "history", history, "pending", preview && history.pending()));
		Map<String, Page> views = new HashMap<>(Map.of(
				Edition.SITEMAP, text("application/xml;charset=UTF-8", cache, Sitemap.xml(article, this.properties)),
				Edition.ROBOTS, text("text/plain;charset=UTF-8", cache, Sitemap.robots(this.properties)),
				stylesheetPath(), this.stylesheet, Edition.FAVICON, this.favicon));
		if (whole) {
			views.put(Edition.FEED, text("application/atom+xml;charset=UTF-8", cache, AtomFeed.of(article, this.properties,
					versionTime, history.shown())));
		}
		views.putAll(whole ? this.drawings.draw(article.title()) : this.drawings.made(article.title()));
		photos(article, views);
		Page page = Page.html(cache, render("article", live, article, head));
		if (history.shown()) {
			HistoryPages pages = new HistoryPages(this.properties.baseUrl());
			page = page.with(pages.articleHeaders());
			views.put(Edition.HISTORY, Page.html(cache, render("history", live, article, Map.of("history", history))));
			views.put(Edition.TIMEMAP, text("application/link-format", cache, pages.timeMap(history)));
			for (Version version : history.versions()) {
				views.put(version.path(), Page.html(cache, render("article", live, version.article(),
						Map.of("version", version, "history", history, "social", socialImage)))
					.with(pages.versionHeaders(version)));
				photos(version.article(), views);
			}
		}
		return new Edition(article, page, views, errorPage(article, live, 404), errorPage(article, live, 400),
				errorPage(article, live, 500), socialImage);
	}

	/** Every file of the article's photos, at its fingerprinted URL, cached for a year. */
	private static void photos(Article article, Map<String, Page> views) {
		for (Picture picture : article.pictures()) {
			for (List<Variant> files : List.of(picture.photo().variants(), picture.photo().crops())) {
				for (Variant file : files) {
					views.putIfAbsent(file.url(), Page.of(file.mediaType(), ResponseHeaders.IMMUTABLE_CACHE, file.bytes(),
							file.fingerprint()));
				}
			}
		}
	}

	/** The page for an error status, in the article's layout, never cached. */
	private Page errorPage(Article article, String live, int status) {
		return Page.html(ResponseHeaders.ERROR_CACHE, render("error", live, article, Map.of("status", status)));
	}

	/** Link previews need a raster image: the feature photo's 1200 px JPEG if it is a photo, else the drawn card. */
	private SocialImage socialImage(Article article, String cardPath) {
		Picture feature = article.featureImage();
		if (feature != null && feature.photo().developed()) {
			Variant single = feature.photo().single();
			return new SocialImage(this.properties.baseUrl() + single.url(), single.width(), single.height(),
					feature.alt(), single.mediaType());
		}
		return new SocialImage(this.properties.baseUrl() + cardPath, PreviewCard.WIDTH, PreviewCard.HEIGHT,
				article.title(), "image/png");
	}

	private static Page text(String contentType, String cacheControl, String text) {
		return Page.of(contentType, cacheControl, text.getBytes(StandardCharsets.UTF_8));
	}

	private String render(String template, String live, Article article, Map<String, Object> extra) {
		Context context = new Context(Locale.forLanguageTag(article.lang()));
		context.setVariable("article", article);
		context.setVariable("site", this.properties);
		context.setVariable("stylesheet", stylesheetPath());
		context.setVariable("touchIcon", this.drawings.touchIcon());
		context.setVariable("canonical", this.properties.baseUrl() + "/");
		if (live != null) {
			context.setVariable("live", live);
			context.setVariable("liveScript", LivePreview.SCRIPT);
		}
		extra.forEach(context::setVariable);
		return this.templates.process(template, context);
	}

}
