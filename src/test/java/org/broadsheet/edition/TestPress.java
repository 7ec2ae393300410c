package org.broadsheet.edition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.broadsheet.BroadsheetProperties;
import org.broadsheet.article.Article;
import org.broadsheet.article.ArticleRenderer;
import org.broadsheet.photos.CameraFiles;
import org.broadsheet.photos.Darkroom;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * A {@link Press} without a Spring context, its templates resolved as Boot resolves them, for tests
 * that print editions in plain JUnit.
 */
public final class TestPress {

	/** The public address the tests print for, so that absolute URLs are told from request ones. */
	public static final String BASE_URL = "https://news.example.org";

	public static final String SITE_NAME = "The Example Post";

	/** One for all the tests, as one is for the whole application; it keeps nothing on disk. */
	public static final Darkroom DARKROOM = new Darkroom(null, 0, org.broadsheet.edition.Palette.page().paper());

	private TestPress() {
	}

	public static Press of(BroadsheetProperties properties) {
		ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
		templates.setPrefix("templates/");
		templates.setSuffix(".html");
		templates.setTemplateMode(TemplateMode.HTML);
		templates.setCharacterEncoding("UTF-8");
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(templates);
		return new Press(engine, properties);
	}

	/** The site's settings for an article at the given location, not watched. */
	public static BroadsheetProperties properties(String article) {
		return properties(article, false);
	}

	public static BroadsheetProperties properties(String article, boolean preview) {
		return new BroadsheetProperties(article, BASE_URL, SITE_NAME, null, preview, null, null, null);
	}

	/** The article in a folder, rendered as the site renders it, its photos read from beside it. */
	public static Article render(Path file) {
		try {
			Path folder = file.toAbsolutePath().getParent();
			return new ArticleRenderer(BASE_URL, DARKROOM).render(file.toString(), Files.readAllBytes(file), (path) -> {
				Path image = folder.resolve(path);
				return Files.exists(image) ? Files.newInputStream(image) : null;
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The real article with two camera files in place of its stand-ins, printed; made once per run. */
	public static synchronized Edition camera() {
		if (camera == null) {
			Path article = CameraFiles.temporaryArticle("broadsheet-camera");
			camera = of(properties(article.toString())).print(render(article), false, Instant.parse("2026-01-01T00:00:00Z"));
		}
		return camera;
	}

	private static Edition camera;

	/** The real {@code content/article.md}, printed as the site prints it. */
	public static Edition content() {
		return of(properties("content/article.md")).print(render(Path.of("content/article.md")), false,
				Instant.parse("2026-01-01T00:00:00Z"));
	}

}
