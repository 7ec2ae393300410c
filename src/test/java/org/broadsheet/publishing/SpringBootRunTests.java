package org.broadsheet.publishing;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The README's command for writing, run as an editor runs it, with the Boot way of choosing a port:
 * {@code mvn spring-boot:run -Dspring-boot.run.arguments=--server.port=...}. The port is the user's,
 * and the article is the working tree's, previewed. Maven and the application start in a process of
 * their own, so the class runs beside the others.
 */
@Execution(ExecutionMode.CONCURRENT)
class SpringBootRunTests {

	@TempDir
	Path folder;

	/**
	 * A free port from 20000 to 32767, below the range the system hands out for port 0: the app binds it
	 * seconds after this test chose it, and meanwhile another test's server, asking for any port, must
	 * not be given it.
	 */
	static int freePortBelowTheEphemeralRange() throws java.io.IOException {
		java.util.Random random = new java.util.Random();
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = 20000 + random.nextInt(12768);
			try (ServerSocket free = new ServerSocket(port)) {
				return port;
			}
			catch (java.io.IOException taken) {
				// try another
			}
		}
		throw new java.io.IOException("no free port from 20000 to 32767");
	}

	@Test
	void theUsersArgumentsAreKeptAndTheWorkingTreeIsPreviewed() throws Exception {
		int port = freePortBelowTheEphemeralRange();
		Path log = this.folder.resolve("run.log");
		// compiled already by the build running this test: skip it, so that nothing in target/ is rewritten
		Process maven;
		try {
			ProcessBuilder command = new ProcessBuilder(List.of("mvn", "-B", "-q", "-Dmaven.main.skip",
					"-Dmaven.test.skip", "-Dmaven.resources.skip", "spring-boot:run",
					"-Dspring-boot.run.arguments=--server.port=" + port))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			// Maven itself only resolves and forks, and lives seconds: C1 alone starts it sooner
			command.environment().merge("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC", (mine, ours) -> mine + " " + ours);
			maven = command.start();
		}
		catch (java.io.IOException ex) {
			// run from an IDE without Maven on the path; CI always has it
			assumeFalse(!"true".equals(System.getenv("CI")), "mvn is not on the PATH: " + ex.getMessage());
			throw ex;
		}
		try {
			HttpClient http = HttpClient.newHttpClient();
			HttpResponse<String> page = null;
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			while (page == null && System.nanoTime() < deadline) {
				assertThat(maven.isAlive()).as("mvn spring-boot:run exited: " + Files.readString(log)).isTrue();
				try {
					page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
							HttpResponse.BodyHandlers.ofString());
				}
				catch (java.io.IOException notYet) {
					Thread.sleep(250);
				}
			}
			assertThat(page).as("nothing answered on port " + port + ": " + Files.readString(log)).isNotNull();
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().firstValue("Cache-Control")).as("previewed").hasValue("no-cache");
			assertThat(Files.readString(log)).contains("Previewing " + Path.of("content/article.md").toAbsolutePath())
				.as("from the classes it compiled, never the bean definitions generated for a jar")
				.doesNotContain("AOT-processed");
		}
		finally {
			maven.descendants().forEach(ProcessHandle::destroy);
			maven.destroy();
			maven.waitFor(30, TimeUnit.SECONDS);
		}
	}

}
