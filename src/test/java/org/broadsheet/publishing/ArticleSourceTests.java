package org.broadsheet.publishing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.broadsheet.article.ArticleException;
import org.broadsheet.edition.TestPress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Where the article is read from, and the one answer to whether it is watched. */
class ArticleSourceTests {

	@TempDir
	Path folder;

	@Test
	void anArticleInsideTheJarIsReadButNeverWatched() throws Exception {
		ArticleSource source = new ArticleSource(TestPress.properties("classpath:content/article.md", true));
		assertThat(source.file()).isEmpty();
		assertThat(source.preview()).isFalse();
		assertThat(new String(source.read())).startsWith("---\ntitle:");
		assertThat(source.images().open("images/feature.svg")).isNotNull();
	}

	@Test
	void anArticleInAFileIsWatchedWhenAskedWithItsImagesBesideIt() throws Exception {
		Path file = Files.writeString(this.folder.resolve("article.md"), "---\n");
		Files.createDirectories(this.folder.resolve("images"));
		Files.writeString(this.folder.resolve("images/a.svg"), "<svg/>");
		ArticleSource source = new ArticleSource(TestPress.properties(file.toString(), true));
		assertThat(source.file()).contains(file);
		assertThat(source.preview()).isTrue();
		try (var in = source.images().open("images/a.svg")) {
			assertThat(in.readAllBytes()).hasSize(6);
		}
		assertThat(source.images().open("images/missing.svg")).isNull();
		assertThat(new ArticleSource(TestPress.properties(file.toString(), false)).preview()).isFalse();
		assertThat(new ArticleSource(TestPress.properties("file:" + file, true)).file()).contains(file);
	}

	@Test
	void aMissingFileIsNamed() {
		Path missing = this.folder.resolve("nowhere.md");
		assertThatExceptionOfType(ArticleException.class)
			.isThrownBy(() -> new ArticleSource(TestPress.properties(missing.toString())).read())
			.withMessage(missing + ": the article file does not exist; check broadsheet.article");
	}

	@Test
	void aPipeNamedAsAPhotoIsRefusedInsteadOfHoldingTheStart() throws Exception {
		Path file = Files.writeString(this.folder.resolve("article.md"), "---\n");
		Files.createDirectories(this.folder.resolve("images"));
		Process mkfifo = new ProcessBuilder("mkfifo", this.folder.resolve("images/feature.jpg").toString()).start();
		org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is missing");
		ArticleSource source = new ArticleSource(TestPress.properties(file.toString(), true));
		org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
				() -> assertThatExceptionOfType(java.io.IOException.class)
					.isThrownBy(() -> source.images().open("images/feature.jpg"))
					.withMessage("it is not a file but a pipe, a device or a folder"));
	}

}
