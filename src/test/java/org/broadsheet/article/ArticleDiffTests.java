package org.broadsheet.article;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What changed between two versions, word by word, and how much it matters. */
class ArticleDiffTests {

	private final ArticleRenderer renderer = new ArticleRenderer("https://news.example.org", ArticleRendererTests.DARKROOM);

	ArticleDiff diff(String before, String after) {
		return ArticleDiff.between(article(before), article(after));
	}

	Article article(String body) {
		return this.renderer.render("article.md", ("---\ntitle: T\ndescription: D\n---\n" + body + "\n")
			.getBytes(StandardCharsets.UTF_8), (path) -> null);
	}

	@Test
	void aChangedWordIsDeletedThenInsertedAndTheRestKept() {
		ArticleDiff diff = diff("The network opened in 2011, it said.", "The network opened in 2013, it said.");
		assertThat(diff.blocks()).filteredOn(ArticleDiff.Block::changed).singleElement().satisfies((block) -> {
			assertThat(block.line()).isEqualTo(5);
			assertThat(block.segments()).extracting((segment) -> segment.kind() + ":" + segment.text())
				.containsExactly("SAME:The network opened in ", "DELETED:2011", "INSERTED:2013", "SAME:, it said.");
		});
		assertThat(diff.weight()).isEqualTo(ArticleDiff.Weight.SUBSTANTIVE);
		assertThat(diff.reason()).isEqualTo("a number changed (\"2011\")");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', value = { "He said \"yes\" -- twice.|He said \u201Cyes\u201D \u2014 twice.",
			"It isn't so.|It isn\u2019t so.", "One  space.|One space.", "A dash - here.|A dash \u2013 here." })
	void whiteSpaceAndTypographyAloneAreNoChange(String before, String after) {
		assertThat(diff(before, after).changed()).isFalse();
		assertThat(diff(before, after).weight()).isEqualTo(ArticleDiff.Weight.NONE);
	}

	@Test
	void aSpellingOrPunctuationFixIsSmallAndMoreThanAFewWordsIsNot() {
		assertThat(diff("The goverment said so.", "The government said so.").weight()).isEqualTo(ArticleDiff.Weight.SMALL);
		assertThat(diff("It said so.", "It said so!").weight()).isEqualTo(ArticleDiff.Weight.SMALL);
		assertThat(diff("It said so.", "It said so, and then it said nothing more.").reason()).isEqualTo("6 words changed");
		assertThat(diff("It was said by the minister.", "It was said by Kim Jong-un.").reason())
			.isEqualTo("a name changed (\"Kim\")");
		assertThat(diff("> \u201CAll is well.\u201D", "> \u201CAll is fine.\u201D").reason()).startsWith("a quotation changed");
	}

	@Test
	void anAddedOrRemovedParagraphIsInsertedOrDeletedWhole() {
		ArticleDiff diff = diff("One.\n\nTwo.", "One.\n\nTwo.\n\nThree more words.");
		assertThat(diff.blocks()).filteredOn(ArticleDiff.Block::changed).singleElement()
			.satisfies((block) -> assertThat(block.segments()).extracting(ArticleDiff.Segment::kind)
				.containsExactly(ArticleDiff.Kind.INSERTED));
		assertThat(diff("One.\n\nTwo.", "Two.").changedLines()).containsExactly(5);
	}

}
