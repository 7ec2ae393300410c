package org.broadsheet.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Predicate;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An editor's loop: save the Markdown, reload the page. Runs against a copy of the real article in a
 * temporary folder, watched as {@code mvn spring-boot:run} watches content/.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LivePreviewTests {

	static final Path FOLDER = copyOfContent();

	static final Path ARTICLE = FOLDER.resolve("article.md");

	static final Duration PATIENCE = Duration.ofSeconds(10);

	static Path copyOfContent() {
		try {
			Path folder = Files.createTempDirectory("preview");
			Files.createDirectories(folder.resolve("images"));
			Files.copy(Path.of("content/article.md"), folder.resolve("article.md"));
			try (var images = Files.list(Path.of("content/images"))) {
				for (Path image : images.toList()) {
					Files.copy(image, folder.resolve("images").resolve(image.getFileName()));
				}
			}
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void article(DynamicPropertyRegistry registry) {
		registry.add("broadsheet.article", ARTICLE::toString);
	}

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	HttpResponse<String> page() throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/")).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** Polls the page until it satisfies the condition, and returns how long that took. */
	Duration until(Predicate<String> condition) throws Exception {
		long start = System.nanoTime();
		while (System.nanoTime() - start < PATIENCE.toNanos()) {
			if (condition.test(page().body())) {
				return Duration.ofNanos(System.nanoTime() - start);
			}
			Thread.sleep(20);
		}
		throw new AssertionError("the page did not change within " + PATIENCE);
	}

	static void edit(String from, String to) throws IOException {
		String text = Files.readString(ARTICLE);
		assertThat(text).contains(from);
		Files.writeString(ARTICLE, text.replace(from, to));
	}

	@Test
	@Order(1)
	void previewPagesAreNotCachedByTheBrowser() throws Exception {
		assertThat(page().headers().firstValue("Cache-Control")).hasValue("no-cache");
	}

	@Test
	@Order(2)
	void anEditShowsOnTheNextLoad() throws Exception {
		edit("title: \"North Korea: Increased Cell Phone Usage Signals Change\"", "title: \"An edited headline\"");
		Duration took = until((page) -> page.contains("An edited headline"));
		System.out.println("Edit showed after " + took.toMillis() + " ms");
		assertThat(took).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	@Order(3)
	void aBrokenEditKeepsTheLastGoodPageAndLogsTheFileAndLine(CapturedOutput output) throws Exception {
		String good = page().body();
		String text = Files.readString(ARTICLE);
		Files.writeString(ARTICLE, text.replace("lang: en", "lang: [en"));
		long start = System.nanoTime();
		while (!output.getOut().contains("still serving the last good version")
				&& System.nanoTime() - start < PATIENCE.toNanos()) {
			Thread.sleep(20);
		}
		assertThat(output.getOut()).contains(ARTICLE.toString() + ", line ").contains("still serving the last good version");
		assertThat(page().body()).isEqualTo(good);
		Files.writeString(ARTICLE, text.replace("An edited headline", "Edited again"));
		until((page) -> page.contains("Edited again"));
	}

	@Test
	@Order(4)
	void aSaveByRenamingANewFileOverTheOldIsPickedUp() throws Exception {
		Path temporary = FOLDER.resolve(".article.md.swp");
		Files.writeString(temporary, Files.readString(ARTICLE).replace("Edited again", "Renamed into place"));
		Files.move(temporary, ARTICLE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		until((page) -> page.contains("Renamed into place"));
	}

	@Test
	@Order(5)
	void aChangedPhotoGetsANewUrl() throws Exception {
		String before = page().body();
		Path photo = FOLDER.resolve("images/soldiers-march.svg");
		Files.writeString(photo, Files.readString(photo).replace("</svg>", "<!-- retouched --></svg>"));
		until((page) -> !page.equals(before) && page.contains("/images/soldiers-march-"));
		assertThat(page().body()).isNotEqualTo(before);
	}

}
