package org.broadsheet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's deploy recipes are the files {@code src/test/deploy/check.sh} runs, word for word, so
 * that what operators copy is what was checked.
 */
class DeployRecipesTests {

	@ParameterizedTest
	@ValueSource(strings = { "nginx.conf", "Caddyfile", "broadsheet@.service" })
	void theReadmeShowsTheFileTheCheckRuns(String name) throws IOException {
		String recipe = Files.readString(Path.of("src/test/deploy", name)).strip();
		assertThat(Files.readString(Path.of("README.md"))).as(name).contains("\n" + recipe + "\n```");
	}

}
