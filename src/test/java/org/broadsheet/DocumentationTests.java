package org.broadsheet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README and the documents under {@code src/site/} say what was checked: every link resolves,
 * the deploy guide points at the very files {@code src/test/deploy/check.sh} runs rather than copies
 * of them, and the deploy line operators copy runs the JVM as the checked systemd unit does.
 */
class DocumentationTests {

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

	@Test
	void everyLinkToAFileOfTheProjectResolves() throws IOException {
		List<String> broken = new ArrayList<>();
		for (Path document : documents()) {
			// examples in code blocks are Markdown for an article, not links of this document
			Matcher link = LINK.matcher(Files.readString(document).replaceAll("(?s)```.*?```", ""));
			while (link.find()) {
				String target = link.group(1);
				if (!target.matches("[a-z]+:.*") && !Files.exists(document.toAbsolutePath().getParent().resolve(target))) {
					broken.add(document + " -> " + target);
				}
			}
		}
		assertThat(broken).isEmpty();
	}

	@Test
	void theDeployGuideLinksTheRecipesTheCheckRuns() throws IOException {
		String guide = Files.readString(Path.of("src/site/deploy.md"));
		String check = Files.readString(Path.of("src/test/deploy/check.sh"));
		for (String recipe : new String[] { "nginx.conf", "Caddyfile", "broadsheet@.service", "start-cache.sh" }) {
			assertThat(guide).as(recipe).contains("](../test/deploy/" + recipe + ")");
			assertThat(check).as("check.sh runs " + recipe).contains(recipe);
		}
	}

	@Test
	void theReadmesDeployLineRunsTheJvmAsTheCheckedUnitDoes() throws IOException {
		Matcher line = Pattern.compile("\\njava (-[^\\n]*?) -jar target/broadsheet.jar").matcher(Files.readString(Path.of("README.md")));
		assertThat(line.find()).isTrue();
		String unit = Files.readString(Path.of("src/test/deploy/broadsheet@.service"));
		assertThat(unit).contains("Environment=\"JAVA_OPTS=" + line.group(1) + "\"")
			.contains("ExecStart=/usr/bin/java $JAVA_OPTS @/run/broadsheet-%i/java.args \\")
			.as("the start-up cache is made for the options the unit runs with, by the launcher it runs")
			.contains("#   JAVA=/usr/bin/java JAVA_OPTS=\"" + line.group(1) + "\" \\\n#       /opt/broadsheet/start-cache.sh make")
			.contains("ExecStartPre=/usr/bin/env JAVA=/usr/bin/java /opt/broadsheet/start-cache.sh check");
	}

	private static List<Path> documents() throws IOException {
		List<Path> documents = new ArrayList<>(List.of(Path.of("README.md"), Path.of("src/test/bench/README.md")));
		try (Stream<Path> site = Files.list(Path.of("src/site"))) {
			site.filter((path) -> path.toString().endsWith(".md")).forEach(documents::add);
		}
		return documents;
	}

}
