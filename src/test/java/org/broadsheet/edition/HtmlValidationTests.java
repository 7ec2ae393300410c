package org.broadsheet.edition;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

import nu.validator.client.EmbeddedValidator;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks the printed pages with the Nu HTML Checker, the validator behind validator.w3.org/nu,
 * embedded so that it runs offline. Warnings and info are allowed; errors are not.
 */
class HtmlValidationTests {

	private final Edition edition = TestPress.content();

	@Test
	void articleIsValidHtml() throws Exception {
		assertValid("the article", this.edition.page());
	}

	@Test
	void anArticleWithItsDatelineAndNotesIsValidHtml() throws Exception {
		assertValid("the article with a correction and an update",
				TestPress.print(TestPress.NOTED, TestPress.withPolicies()).page());
	}

	@Test
	void theHistoryAndEachVersionAreValidHtml() throws Exception {
		Edition history = TestPress.withHistory();
		assertValid("the article with a history", history.page());
		assertValid("the history page", history.views().get(Edition.HISTORY));
		assertValid("version 2, with what changed", history.views().get("/history/2/"));
	}

	@Test
	void aPreviewedPageWithItsScriptIsValidHtml() throws Exception {
		Edition previewed = TestPress.of(TestPress.properties("content/article.md", true))
			.print(TestPress.render(java.nio.file.Path.of("content/article.md")), "run-1", java.time.Instant.now(), History.NONE);
		assertThat(new String(previewed.page().bytes(), java.nio.charset.StandardCharsets.UTF_8))
			.contains("<script>" + LivePreview.SCRIPT + "</script>");
		assertValid("the previewed article", previewed.page());
	}

	@Test
	void errorPagesAreValidHtml() throws Exception {
		assertValid("the 404 page", this.edition.notFound());
		assertValid("the error page", this.edition.serverError());
	}

	private static void assertValid(String what, Page page) throws Exception {
		List<JsonNode> errors = validate(page.bytes());
		if (!errors.isEmpty()) {
			fail("Nu validator found " + errors.size() + " error(s) in " + what + ":\n" + errors.stream()
				.map((error) -> "- line " + error.path("lastLine").asInt() + ", column " + error.path("firstColumn").asInt()
						+ ": " + error.path("message").asString() + "\n    " + error.path("extract").asString().strip().replace('\n', ' '))
				.collect(Collectors.joining("\n")));
		}
	}

	/** Errors, fatal errors and documents the checker could not read; warnings and info pass. */
	private static List<JsonNode> validate(byte[] html) throws IOException, SAXException {
		EmbeddedValidator validator = new EmbeddedValidator();
		validator.setOutputFormat(EmbeddedValidator.OutputFormat.JSON);
		String report = validator.validate(new ByteArrayInputStream(html));
		JsonNode messages = JsonMapper.shared().readTree(report).path("messages");
		assertThat(messages.isArray()).as("Nu validator report: %s", report).isTrue();
		return messages.valueStream()
			.filter((message) -> !"info".equals(message.path("type").asString()))
			.toList();
	}

}
