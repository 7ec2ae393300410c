package org.broadsheet.publishing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.broadsheet.BroadsheetApplication;
import org.broadsheet.article.ArticleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An article that cannot be published stops the application at start, with one plain sentence that
 * names the file and the line. The renderer's tests cover each refusal; these cover how it reaches
 * the editor. Its process test
 * starts a JVM, so the class runs beside the others.
 */
@Execution(ExecutionMode.CONCURRENT)
class ArticleFailureAnalyzerTests {

	@TempDir
	Path folder;

	@Test
	void namesTheFileAndLineToFixAndSaysWhereTheSameChecksRun() {
		ArticleException cause = new ArticleException("content/article.md", 3,
				"the front matter is not valid YAML (found unclosed quote)");
		FailureAnalysis analysis = new ArticleFailureAnalyzer()
			.analyze(new BeanCreationException("publication", "Failed to instantiate", cause));
		assertThat(analysis.getDescription()).isEqualTo("Broadsheet cannot publish the article: content/article.md, "
				+ "line 3: the front matter is not valid YAML (found unclosed quote)");
		assertThat(analysis.getAction()).isEqualTo("Fix line 3 of content/article.md, then start Broadsheet again "
				+ "(mvn verify runs the same checks before a deploy).");
	}

	@Test
	void aProblemOnNoOneLineNamesTheFile() {
		FailureAnalysis analysis = new ArticleFailureAnalyzer()
			.analyze(new ArticleException("/srv/article.md", 0, "the file is empty"));
		assertThat(analysis.getAction()).startsWith("Fix /srv/article.md, then start Broadsheet again");
	}

	@Test
	void somethingElseIsNotAnalyzed() {
		assertThat(new ArticleFailureAnalyzer().analyze(new IllegalStateException("not ours"))).isNull();
	}

	/**
	 * The editor's view of it: a separate JVM exits non-zero, and the last lines it prints are the
	 * failure analysis, not a stack trace.
	 */
	@Test
	void theProcessExitsNonZeroWithThePlainSentenceLast() throws Exception {
		Path file = Files.writeString(this.folder.resolve("article.md"),
				"---\ntitle: T\ndescription: D\n---\n![](images/photo.svg)\n");
		Files.createDirectories(this.folder.resolve("images"));
		Files.writeString(this.folder.resolve("images/photo.svg"),
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"200\"></svg>");
		// C1 alone and one collector thread: a JVM that lives seconds spends less starting so
		Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), BroadsheetApplication.class.getName(), "--server.port=0",
				"--broadsheet.article=" + file))
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isNotZero();
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("the image \"images/photo.svg\" has no alt text")
			.doesNotContain("\tat org.broadsheet");
		List<String> lines = output.lines().filter((line) -> !line.isBlank()).toList();
		assertThat(lines.get(lines.size() - 1)).startsWith("Fix line 5 of ").contains(file.toString());
	}

}
