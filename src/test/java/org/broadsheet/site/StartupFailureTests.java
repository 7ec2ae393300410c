package org.broadsheet.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.broadsheet.BroadsheetApplication;
import org.broadsheet.article.ArticleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * An article that cannot be published stops the application at start, with one plain sentence that
 * names the file and the line.
 */
class StartupFailureTests {

	static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"200\"></svg>";

	@TempDir
	Path folder;

	Path article(String markdown) throws IOException {
		return article(markdown.getBytes(StandardCharsets.UTF_8));
	}

	Path article(byte[] bytes) throws IOException {
		Path file = this.folder.resolve("article.md");
		Files.write(file, bytes);
		Files.createDirectories(this.folder.resolve("images"));
		Files.writeString(this.folder.resolve("images/photo.svg"), SVG);
		return file;
	}

	/** Starts the application on the given article and returns the analysis an editor would read. */
	FailureAnalysis refusedToStart(Path file) {
		Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(BroadsheetApplication.class)
			.properties("spring.main.banner-mode=off")
			.run("--server.port=0", "--broadsheet.article=" + file, "--broadsheet.watch=false")
			.close());
		assertThat(failure).as("the application should have refused to start").isNotNull();
		ArticleException cause = findCause(failure);
		assertThat(cause).as("cause of " + failure).isNotNull();
		return new ArticleFailureAnalyzer().analyze(failure);
	}

	static ArticleException findCause(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ArticleException articleException) {
				return articleException;
			}
		}
		return null;
	}

	@Test
	void missingFile() {
		Path missing = this.folder.resolve("nowhere.md");
		FailureAnalysis analysis = refusedToStart(missing);
		assertThat(analysis.getDescription()).contains(missing.toString()).contains("does not exist");
	}

	@Test
	void emptyFile() throws IOException {
		assertThat(refusedToStart(article("")).getDescription()).contains("article.md: the file is empty");
	}

	@Test
	void brokenYamlSaysTheLine() throws IOException {
		FailureAnalysis analysis = refusedToStart(article("---\ntitle: T\ndescription: \"unclosed\n---\nText.\n"));
		assertThat(analysis.getDescription()).contains("article.md, line 3: the front matter is not valid YAML");
		assertThat(analysis.getAction()).startsWith("Fix line 3 of ").contains("article.md");
	}

	@Test
	void noFrontMatter() throws IOException {
		assertThat(refusedToStart(article("# Just a heading\n\nText.\n")).getDescription())
			.contains("article.md, line 1: there is no front matter");
	}

	@Test
	void noTitle() throws IOException {
		assertThat(refusedToStart(article("---\ndescription: D\n---\nText.\n")).getDescription())
			.contains("article.md: the front matter has no \"title\"");
	}

	@Test
	void missingImageIsNamed() throws IOException {
		assertThat(refusedToStart(article("---\ntitle: T\ndescription: D\n---\nText.\n\n![A map](images/map.png)\n"))
			.getDescription()).contains("article.md, line 7: the image \"images/map.png\" does not exist");
	}

	@Test
	void imageWithoutAltText() throws IOException {
		assertThat(refusedToStart(article("---\ntitle: T\ndescription: D\n---\n![](images/photo.svg)\nCaption\n"))
			.getDescription()).contains("article.md, line 5: the image \"images/photo.svg\" has no alt text");
	}

	@Test
	void bytesThatAreNotUtf8() throws IOException {
		byte[] latin1 = "---\ntitle: Caf\u00e9\ndescription: D\n---\nText.\n".getBytes(StandardCharsets.ISO_8859_1);
		assertThat(refusedToStart(article(latin1)).getDescription())
			.contains("article.md, line 2: the file is not valid UTF-8");
	}

	/**
	 * The editor's view of it: a separate JVM exits non-zero, and the last lines it prints are the
	 * failure analysis, not a stack trace.
	 */
	@Test
	void processExitsNonZeroWithThePlainSentenceLast() throws Exception {
		Path file = article("---\ntitle: T\ndescription: D\n---\n![](images/photo.svg)\n");
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), BroadsheetApplication.class.getName(),
				"--server.port=0", "--broadsheet.article=" + file, "--broadsheet.watch=false"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isNotZero();
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("the image \"images/photo.svg\" has no alt text")
			.doesNotContain("\tat org.broadsheet");
		List<String> lines = output.lines().filter((line) -> !line.isBlank()).toList();
		assertThat(lines.get(lines.size() - 1)).startsWith("Fix line 5 of ").contains(file.toString());
	}

	@Test
	void articleWithOnlyTitleDescriptionAndTextIsPublished() throws IOException {
		Path file = article("---\ntitle: A title\ndescription: A standfirst.\n---\nJust text.\n");
		new SpringApplicationBuilder(BroadsheetApplication.class)
			.properties("spring.main.banner-mode=off")
			.run("--server.port=0", "--broadsheet.article=" + file, "--broadsheet.watch=false")
			.close();
	}

}
