package org.broadsheet.edition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.broadsheet.BroadsheetProperties;
import org.broadsheet.article.Article;
import org.broadsheet.article.ArticleRenderer;
import org.broadsheet.photos.CameraFiles;
import org.broadsheet.photos.Darkroom;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.util.FileSystemUtils;

/**
 * A {@link Press} without a Spring context, its templates resolved as Boot resolves them, for tests
 * that print editions in plain JUnit.
 */
public final class TestPress {

	/** The public address the tests print for, so that absolute URLs are told from request ones. */
	public static final String BASE_URL = "https://news.example.org";

	public static final String SITE_NAME = "The Example Post";

	/**
	 * Where the tests' developed photos are kept, for this run: the camera article's photos are then
	 * developed once, not once for each context or edition that prints them.
	 */
	public static final Path PHOTO_CACHE = photoCache();

	/** One for all the tests, as one is for the whole application. */
	public static final Darkroom DARKROOM = new Darkroom(PHOTO_CACHE, 1L << 30, Palette.page().paper());

	private static Path photoCache() {
		try {
			Path folder = Files.createTempDirectory("broadsheet-test-photos");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(folder.toFile())));
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private TestPress() {
	}

	/**
	 * A press for the settings, made once for each base URL, site name, logo and policies: what a
	 * press prints depends on those alone, and each draws its logos once.
	 */
	public static Press of(BroadsheetProperties properties) {
		return PRESSES.computeIfAbsent(List.of(properties.baseUrl(), properties.siteName(),
				String.valueOf(properties.publisherLogo()), String.valueOf(properties.correctionsPolicy()),
				String.valueOf(properties.publishingPrinciples())), (key) -> newPress(properties));
	}

	private static final Map<List<String>, Press> PRESSES = new ConcurrentHashMap<>();

	/** A press of its own, which has drawn nothing yet. */
	public static Press newPress(BroadsheetProperties properties) {
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
		return new BroadsheetProperties(article, BASE_URL, SITE_NAME, null, preview, null, null, null, null, null);
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

	/** The example: published, corrected the next day, updated the day after. */
	public static final String NOTED = """
			---
			title: T
			description: D
			published: 2014-05-21T09:30:00+01:00
			corrections:
			  - date: 2014-05-22T14:05:00+01:00
			    text: An earlier version of this article gave the wrong year for the opening of the
			      country's own mobile network.
			updates:
			  - date: 2014-05-23T08:00:00+01:00
			    text: Adds a photograph of an Internet palace.
			---
			The text.
			""";

	/** The publication's corrections policy and publishing principles, in the tests that name them. */
	public static final String CORRECTIONS_POLICY = BASE_URL + "/corrections";

	public static final String PUBLISHING_PRINCIPLES = BASE_URL + "/principles";

	/** The site's settings with a corrections policy and publishing principles. */
	public static BroadsheetProperties withPolicies() {
		return new BroadsheetProperties("article.md", BASE_URL, SITE_NAME, null, false, null, null, null,
				CORRECTIONS_POLICY, PUBLISHING_PRINCIPLES);
	}

	/** An article of text alone, rendered and printed as the site does with these settings, today. */
	public static Edition print(String markdown, BroadsheetProperties properties) {
		Article article = new ArticleRenderer(properties.baseUrl(), DARKROOM, properties.correctionsPolicy(),
				java.time.Clock.systemUTC())
			.render("article.md", markdown.getBytes(java.nio.charset.StandardCharsets.UTF_8), (path) -> null);
		return of(properties).print(article, false, Instant.parse("2026-01-01T00:00:00Z"));
	}

	/**
	 * The noted article with a history of three versions: as first published, corrected, then updated;
	 * printed as the site prints an article from its git history.
	 */
	public static Edition withHistory() {
		String first = NOTED.replaceAll("(?s)corrections:.*?---", "---").replace("The text.",
				"The network opened in 2011, said \"the Journal\".");
		String corrected = NOTED.replaceAll("(?s)updates:.*?---", "---").replace("The text.",
				"The network opened in 2013, said \"the Journal\".");
		String updated = NOTED.replace("The text.", "The network opened in 2013, said \"the Journal\".\n\nPalaces came later.");
		ArticleRenderer renderer = new ArticleRenderer(BASE_URL, DARKROOM, CORRECTIONS_POLICY, java.time.Clock.systemUTC());
		List<Article> articles = List.of(first, corrected, updated).stream()
			.map((markdown) -> renderer.render("article.md", markdown.getBytes(java.nio.charset.StandardCharsets.UTF_8),
					(path) -> null))
			.toList();
		List<String> times = List.of("2014-05-21T09:30:00+01:00", "2014-05-22T14:05:00+01:00", "2014-05-23T08:00:00+01:00");
		List<Version> versions = new java.util.ArrayList<>();
		for (int i = 0; i < articles.size(); i++) {
			Article before = (i > 0) ? articles.get(i - 1) : null;
			Article article = articles.get(i);
			versions.add(new Version(i + 1, "0123456789abcdef0123456789abcdef0123456" + i,
					java.time.OffsetDateTime.parse(times.get(i)), article,
					article.notes().stream().filter((note) -> before == null || !before.notes().contains(note)).toList(),
					(before != null) ? org.broadsheet.article.ArticleDiff.between(before, article) : null));
		}
		return of(withPolicies()).print(articles.get(2), false, Instant.parse("2026-01-01T00:00:00Z"),
				new History(versions, false));
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

	/**
	 * A copy of {@code content/}, the article and its images, in the folder, as an editor's working copy.
	 * @return the copy of the article
	 */
	public static Path copyOfContent(Path folder) throws IOException {
		Files.createDirectories(folder.resolve("images"));
		try (var images = Files.list(Path.of("content/images"))) {
			for (Path image : images.toList()) {
				Files.copy(image, folder.resolve("images").resolve(image.getFileName()));
			}
		}
		return Files.copy(Path.of("content/article.md"), folder.resolve("article.md"));
	}

	/** The real {@code content/article.md}, printed as the site prints it. */
	public static Edition content() {
		return of(properties("content/article.md")).print(render(Path.of("content/article.md")), false,
				Instant.parse("2026-01-01T00:00:00Z"));
	}

}
