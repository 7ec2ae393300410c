package org.broadsheet.publishing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.broadsheet.BroadsheetProperties;
import org.broadsheet.article.Picture;
import org.broadsheet.BroadsheetApplication;
import org.broadsheet.edition.Edition;
import org.broadsheet.edition.Press;
import org.broadsheet.edition.TestPress;
import org.broadsheet.photos.CameraFiles;
import org.broadsheet.photos.Fingerprint;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The static export: the whole site as files any static host can serve, byte for byte what was
 * printed, and so what the server sends. Its process test
 * starts a JVM, so the class runs beside the others.
 */
@Execution(ExecutionMode.CONCURRENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaticExportTests {

	/** One folder for the class: the site exported once, and each test's files apart within it. */
	Path folder;

	Path site;

	Publication publication;

	@BeforeAll
	void export() throws Exception {
		this.folder = Files.createTempDirectory("broadsheet-export-tests");
		this.site = this.folder.resolve("site");
		BroadsheetProperties properties = new BroadsheetProperties("classpath:content/article.md", TestPress.BASE_URL,
				TestPress.SITE_NAME, null, false, this.site.toString(), null, null, null, null);
		ArticleSource source = new ArticleSource(properties);
		Press press = TestPress.of(properties);
		this.publication = new Publication(source, press, TestPress.DARKROOM, properties, new org.springframework.core.env.StandardEnvironment());
		new StaticExport(this.publication, properties).run(null);
	}

	@AfterAll
	void removeTheFolder() {
		org.springframework.util.FileSystemUtils.deleteRecursively(this.folder.toFile());
	}

	@Test
	void writesEveryFileWithThePrintedBytes() throws Exception {
		Edition edition = this.publication.current();
		assertThat(Files.readAllBytes(this.site.resolve("index.html"))).isEqualTo(edition.page().bytes());
		assertThat(Files.readAllBytes(this.site.resolve("404.html"))).isEqualTo(edition.notFound().bytes());
		for (String path : edition.views().keySet()) {
			assertThat(Files.readAllBytes(this.site.resolve(path.substring(1)))).as(path)
				.isEqualTo(edition.views().get(path).bytes());
		}
		assertThat(this.site.resolve("favicon.svg")).isNotEmptyFile();
		assertThat(Files.readString(this.site.resolve("_headers")))
			.contains("/css/*\n  Cache-Control: max-age=31536000, public, immutable")
			.contains("/\n  Cache-Control: public, max-age=300, stale-while-revalidate=86400, stale-if-error=86400")
			.contains("Content-Security-Policy: default-src 'none'");
	}

	@Test
	void everyLinkInTheExportedPageResolvesToAFileInTheExport() throws Exception {
		Document page = Jsoup.parse(Files.readString(this.site.resolve("index.html")));
		List<String> links = new ArrayList<>();
		for (Element element : page.select("[href], [src]")) {
			links.add(element.hasAttr("href") ? element.attr("href") : element.attr("src"));
		}
		for (Element meta : page.select("meta[content^=" + TestPress.BASE_URL + "/]")) {
			links.add(meta.attr("content"));
		}
		int checked = 0;
		for (String link : links) {
			String path = link.replaceFirst("^" + TestPress.BASE_URL, "").replaceFirst("#.*$", "");
			if (link.startsWith("#") || path.startsWith("mailto:")) {
				continue;
			}
			assertThat(path).as(link).startsWith("/");
			Path file = this.site.resolve(path.equals("/") ? "index.html" : path.substring(1));
			assertThat(file).as(link).isRegularFile();
			assertThat(Files.readAllBytes(file)).as(link).isEqualTo(expected(path));
			checked++;
		}
		assertThat(checked).isGreaterThan(8);
	}

	/** The home-screen icon the page links and the publisher logo its JSON-LD names are exported, at their sizes. */
	@Test
	void bothLogosAreExportedAndCachedForAYear() throws Exception {
		Document page = Jsoup.parse(Files.readString(this.site.resolve("index.html")));
		String icon = page.selectFirst("link[rel=apple-touch-icon]").attr("href");
		Matcher logo = Pattern.compile("\"logo\":\\{\"url\":\"" + Pattern.quote(TestPress.BASE_URL) + "(/logo-[0-9a-f]{20}\\.png)\"")
			.matcher(page.selectFirst("script[type=application/ld+json]").data());
		assertThat(logo.find()).as("the publisher logo in the JSON-LD").isTrue();
		assertThat(size(this.site.resolve(icon.substring(1)))).as(icon).isEqualTo("180x180");
		assertThat(size(this.site.resolve(logo.group(1).substring(1)))).as(logo.group(1)).isEqualTo("512x512");
		assertThat(Files.readString(this.site.resolve("_headers")))
			.contains("/apple-touch-icon-*\n  Cache-Control: max-age=31536000, public, immutable")
			.contains("/logo-*\n  Cache-Control: max-age=31536000, public, immutable");
	}

	private static String size(Path png) throws Exception {
		var image = javax.imageio.ImageIO.read(png.toFile());
		return image.getWidth() + "x" + image.getHeight();
	}

	/** The export writes the dateline, the notes and their data as the server serves them. */
	@Test
	void anArticlesCorrectionsAndUpdatesAreExportedAsServed() throws Exception {
		Path content = Files.createDirectories(this.folder.resolve("noted"));
		Path article = Files.writeString(content.resolve("article.md"), TestPress.NOTED);
		Path site = this.folder.resolve("noted-site");
		BroadsheetProperties properties = new BroadsheetProperties(article.toString(), TestPress.BASE_URL,
				TestPress.SITE_NAME, null, false, site.toString(), null, null, TestPress.CORRECTIONS_POLICY, null);
		Publication publication = new Publication(new ArticleSource(properties), TestPress.of(properties),
				TestPress.DARKROOM, properties, new org.springframework.core.env.StandardEnvironment());
		new StaticExport(publication, properties).run(null);
		assertThat(Files.readAllBytes(site.resolve("index.html"))).isEqualTo(publication.current().page().bytes());
		assertThat(Files.readString(site.resolve("index.html"))).contains("<details class=\"dateline\">",
				"id=\"corrections-and-updates\"", "\"@type\":\"CorrectionComment\"");
		assertThat(Files.readString(site.resolve("feed.xml"))).contains("Corrections and updates");
		assertThat(Files.readString(site.resolve("sitemap.xml"))).contains("<lastmod>2014-05-23T08:00+01:00</lastmod>");
	}

	/** With camera files, every variant and crop that the page, the feed and the metadata name is written. */
	@Test
	void everyPhotoFileThePageTheFeedAndTheMetadataNameIsExported() throws Exception {
		Path article = CameraFiles.article(this.folder.resolve("camera"), false, CameraFiles.PHONE_SIZE);
		Path site = this.folder.resolve("camera-site");
		BroadsheetProperties properties = new BroadsheetProperties(article.toString(), TestPress.BASE_URL,
				TestPress.SITE_NAME, null, false, site.toString(), null, null, null, null);
		Press press = TestPress.of(properties);
		Publication publication = new Publication(new ArticleSource(properties), press, TestPress.DARKROOM, properties, new org.springframework.core.env.StandardEnvironment());
		new StaticExport(publication, properties).run(null);
		String named = Files.readString(site.resolve("index.html")) + Files.readString(site.resolve("feed.xml"));
		Matcher photo = Pattern.compile("(?:" + Pattern.quote(TestPress.BASE_URL) + ")?/(images/[a-z0-9x-]+\\.(?:webp|jpg|svg))")
			.matcher(named);
		Set<String> files = new TreeSet<>();
		while (photo.find()) {
			files.add(photo.group(1));
		}
		Set<String> developed = new TreeSet<>();
		for (Picture picture : publication.current().article().pictures()) {
			picture.photo().variants().forEach((variant) -> developed.add(variant.path()));
			picture.photo().crops().forEach((crop) -> developed.add(crop.path()));
		}
		assertThat(files).as("every variant and crop is named somewhere, and the drawing").isEqualTo(developed)
			.hasSize(4 + 4 + 3 + 3 + 3 + 1);
		for (String file : files) {
			assertThat(Files.readAllBytes(site.resolve(file))).as(file)
				.isEqualTo(publication.current().views().get("/" + file).bytes());
		}
		assertThat(Files.readString(site.resolve("_headers"))).contains("/images/*\n  Cache-Control: max-age=31536000");
	}

	/** A photo changed after it was printed goes out as printed, under the name its bytes were hashed for. */
	@Test
	void theExportWritesThePhotoBytesThatWerePrintedNotTheFileAsItIsNow() throws Exception {
		Path content = this.folder.resolve("content");
		TestPress.copyOfContent(content);
		BroadsheetProperties properties = new BroadsheetProperties(content.resolve("article.md").toString(),
				TestPress.BASE_URL, TestPress.SITE_NAME, null, false, this.folder.resolve("out").toString(), null, null, null, null);
		Press press = TestPress.of(properties);
		Publication publication = new Publication(new ArticleSource(properties), press, TestPress.DARKROOM, properties, new org.springframework.core.env.StandardEnvironment());
		Path drawing = content.resolve("images/soldiers-march.svg");
		byte[] printed = publication.current().article().pictures().stream()
			.filter((picture) -> picture.path().equals("images/soldiers-march.svg"))
			.findFirst().orElseThrow().photo().single().bytes();
		Files.writeString(drawing, Files.readString(drawing).replace("</svg>", "<rect width=\"9\" height=\"9\"/></svg>"));
		new StaticExport(publication, properties).run(null);
		Path exported;
		try (var out = Files.list(this.folder.resolve("out/images"))) {
			exported = out.filter((path) -> path.getFileName().toString().startsWith("soldiers-march-")).findFirst().orElseThrow();
		}
		assertThat(Files.readAllBytes(exported)).isEqualTo(printed);
		assertThat(exported.getFileName().toString()).isEqualTo("soldiers-march-" + Fingerprint.of(printed) + ".svg");
	}

	/** What the site serves at a path: all of it printed. */
	byte[] expected(String path) {
		Edition edition = this.publication.current();
		return path.equals("/") ? edition.page().bytes() : edition.views().get(path).bytes();
	}

	/** As an operator runs it: the packaged main exits 0 without ever listening on a port. */
	@Test
	void theProcessExitsZeroWithoutStartingAServer() throws Exception {
		Path target = this.folder.resolve("process");
		// C1 alone and one collector thread: a JVM that lives seconds spends less starting so
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), BroadsheetApplication.class.getName(),
				"--broadsheet.export=" + target)
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("Exported").doesNotContain("Tomcat started");
		assertThat(target.resolve("index.html")).isNotEmptyFile();
	}

}
