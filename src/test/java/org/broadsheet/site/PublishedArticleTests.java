package org.broadsheet.site;

import java.nio.file.Path;

import org.broadsheet.article.Article;
import org.broadsheet.article.ArticleRenderer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real content/article.md passes every check the application makes at start, so a broken article
 * fails the build before it is deployed.
 */
class PublishedArticleTests {

	@Test
	void theArticleInContentIsPublishable() {
		ArticleSource source = ArticleSource.of(Path.of("content/article.md").toString());
		Article article = new ArticleRenderer("http://localhost:8080").render(source.name(), source.read(),
				source.images());
		assertThat(article.title()).isEqualTo("North Korea: Increased Cell Phone Usage Signals Change");
		assertThat(article.description()).hasSizeLessThanOrEqualTo(ArticleRenderer.DESCRIPTION_LIMIT);
		assertThat(article.author()).as("the source names no author").isNull();
		assertThat(article.published()).as("the source gives no date").isNull();
		assertThat(article.pictures()).hasSize(3).allSatisfy((picture) -> {
			assertThat(picture.alt()).isNotBlank();
			assertThat(picture.credit()).isNotBlank();
			assertThat(picture.width() * 2).as("3:2").isEqualTo(picture.height() * 3);
		});
		assertThat(article.wordCount()).isBetween(700, 900);
	}

}
