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
 * The packages depend one way, each only on those before it, so that the design reads from the
 * bottom up: photos, the article that names them, an edition printed from it, its publishing, and
 * the server.
 */
class PackageDependencyTests {

	static final List<String> LAYERS = List.of("photos", "article", "edition", "publishing", "server");

	static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.broadsheet\\.(\\w+)\\.", Pattern.MULTILINE);

	@Test
	void eachPackageUsesOnlyThoseBeforeIt() throws IOException {
		List<String> wrong = new ArrayList<>();
		Path main = Path.of("src/main/java/org/broadsheet");
		try (Stream<Path> files = Files.walk(main)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
				String from = main.relativize(file).getNameCount() > 1 ? main.relativize(file).getName(0).toString() : "";
				Matcher imported = IMPORT.matcher(Files.readString(file));
				while (imported.find()) {
					String to = imported.group(1);
					if (!LAYERS.contains(to)) {
						continue;
					}
					if (from.isEmpty() || LAYERS.indexOf(to) > LAYERS.indexOf(from)) {
						wrong.add(main.relativize(file) + " uses " + to);
					}
				}
			}
		}
		assertThat(wrong).isEmpty();
		try (Stream<Path> packages = Files.list(main).filter(Files::isDirectory)) {
			assertThat(packages.map((dir) -> dir.getFileName().toString())).as("every package has its place")
				.containsExactlyInAnyOrderElementsOf(LAYERS);
		}
	}

}
