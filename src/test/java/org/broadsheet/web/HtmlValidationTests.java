package org.broadsheet.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;

import nu.validator.client.EmbeddedValidator;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks the served pages with the Nu HTML Checker, the validator behind validator.w3.org/nu,
 * embedded so that it runs offline. Warnings and info are allowed; errors are not.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HtmlValidationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void articleIsValidHtml() throws Exception {
		assertValid("/", 200);
	}

	@Test
	void notFoundPageIsValidHtml() throws Exception {
		assertValid("/does-not-exist", 404);
	}

	private void assertValid(String path, int status) throws Exception {
		HttpResponse<byte[]> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(status);
		List<JsonNode> errors = validate(response.body());
		if (!errors.isEmpty()) {
			fail("Nu validator found " + errors.size() + " error(s) in " + path + ":\n" + errors.stream()
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
