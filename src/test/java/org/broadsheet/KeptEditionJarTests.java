package org.broadsheet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.broadsheet.StartupCacheJarTests.Done;
import org.broadsheet.StartupCacheJarTests.Started;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.broadsheet.StartupCacheJarTests.JAR;
import static org.broadsheet.StartupCacheJarTests.java;
import static org.broadsheet.StartupCacheJarTests.launch;

/**
 * The packaged jar as {@code java -jar} runs it: a restart serves the article as the last start
 * printed it, from the bean definitions the build generated; an export makes its own beans and keeps
 * nothing. Run by failsafe once {@code mvn package} has made the jar, beside {@link StartupCacheJarTests},
 * as each mostly waits on the JVMs it starts.
 */
@Execution(ExecutionMode.CONCURRENT)
class KeptEditionJarTests {

	@TempDir
	Path folder;

	@Test
	void aRestartServesTheArticleAsTheLastStartPrintedIt() throws Exception {
		Path photos = this.folder.resolve("photos");
		List<String> plain = List.of(java(), "-Xmx64m", "-XX:+UseSerialGC", "-jar", JAR.toString(),
				"--broadsheet.photo-cache=" + photos);
		Done kept = (port) -> {
			try (Stream<Path> files = Files.list(photos)) {
				return files.anyMatch((file) -> file.getFileName().toString().matches("edition-[0-9a-f]{64}\\.bin"));
			}
		};
		Started first = launch(this.folder, plain, kept);
		assertThat(first.log()).doesNotContain("as the last start printed it");
		assertThat(kept.at(0)).as("kept once the application is ready").isTrue();

		// the feed waits for the article to be printed again
		Done printedAgain = (port) -> HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/feed.xml"))
				.timeout(java.time.Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString())
			.statusCode() == 200;
		Started restart = launch(this.folder, plain, printedAgain);
		assertThat(restart.log()).contains("Serving classpath:content/article.md as the last start printed it (the same "
				+ "article, photos, settings and build); printing it again once the application is ready");
		assertThat(restart.page()).isEqualTo(first.page());
		assertThat(restart.log()).as("from the bean definitions the build generated")
			.contains("Starting AOT-processed BroadsheetApplication")
			.doesNotContain("differs from the one printed now").doesNotContain(" ERROR ").doesNotContain("Exception");
		System.out.println("First byte, printed: " + first.millis() + " ms; as the last start printed it: "
				+ restart.millis() + " ms");

		// another article, build or settings is printed before it is served: FirstEditionsTests
	}

	@Test
	void anExportFromTheJarMakesItsOwnBeans() throws Exception {
		Path site = this.folder.resolve("site");
		Path photos = this.folder.resolve("photos");
		Process export = new ProcessBuilder(java(), "-Xmx64m", "-jar", JAR.toString(), "--broadsheet.export=" + site,
				"--broadsheet.photo-cache=" + photos)
			.redirectErrorStream(true).start();
		String log = new String(export.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(export.waitFor()).as(log).isZero();
		assertThat(log).contains("Exported ").doesNotContain("AOT-processed");
		try (Stream<Path> files = Files.list(photos)) {
			assertThat(files.filter((file) -> file.getFileName().toString().startsWith("edition-")))
				.as("an export keeps none").isEmpty();
		}
		assertThat(Files.readString(site.resolve("index.html"))).contains("North Korea: Increased Cell Phone Usage Signals Change");
	}

}
