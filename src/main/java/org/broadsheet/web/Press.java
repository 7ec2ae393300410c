package org.broadsheet.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

import org.broadsheet.article.Article;
import org.broadsheet.site.BroadsheetProperties;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.resource.ContentVersionStrategy;

/**
 * Prints an {@link Edition}: runs the article through the Thymeleaf layout once, so that no request
 * ever waits on a template.
 */
@Component
class Press {

	/** Browsers and CDNs may keep the page five minutes, and serve it stale for a day while they revalidate. */
	static final String PUBLISHED_CACHE = "public, max-age=300, stale-while-revalidate=86400";

	/** While an editor previews, every load asks again, so that an edit shows at once. */
	static final String PREVIEW_CACHE = "no-cache";

	static final String ERROR_CACHE = "no-store";

	private final ITemplateEngine templates;

	private final BroadsheetProperties properties;

	private final String stylesheet;

	Press(ITemplateEngine templates, BroadsheetProperties properties) {
		this.templates = templates;
		this.properties = properties;
		this.stylesheet = fingerprinted("css/site.css");
	}

	/** The URL the resource chain serves a static file at, with the same content hash Spring computes. */
	static String fingerprinted(String path) {
		ContentVersionStrategy strategy = new ContentVersionStrategy();
		String version = strategy.getResourceVersion(new ClassPathResource("static/" + path));
		return "/" + strategy.addVersion(path, version);
	}

	String stylesheet() {
		return this.stylesheet;
	}

	Edition print(Article article, boolean preview) {
		String cache = preview ? PREVIEW_CACHE : PUBLISHED_CACHE;
		return new Edition(article, Page.html(cache, render("article", article, Map.of())),
				Page.html(ERROR_CACHE, render("error/404", article, Map.of())),
				Page.html(ERROR_CACHE, render("error/error", article, Map.of("serverError", false))),
				Page.html(ERROR_CACHE, render("error/error", article, Map.of("serverError", true))));
	}

	private String render(String template, Article article, Map<String, Object> extra) {
		Context context = new Context(Locale.forLanguageTag(article.lang()));
		context.setVariable("article", article);
		context.setVariable("site", this.properties);
		context.setVariable("stylesheet", this.stylesheet);
		context.setVariable("canonical", this.properties.baseUrl() + "/");
		extra.forEach(context::setVariable);
		return this.templates.process(template, context);
	}

	static byte[] readStatic(String path) {
		try {
			return new ClassPathResource("static/" + path).getContentAsByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
