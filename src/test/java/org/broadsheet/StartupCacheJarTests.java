package org.broadsheet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The start-up cache step ({@code src/test/deploy/start-cache.sh}) on the packaged jar, as the systemd
 * unit runs it before each start: it makes the cache once, a start from it serves the article, and a
 * cache made for another jar or another JVM, or a damaged one, never stops the start: it is ignored,
 * with one line. Run by failsafe once {@code mvn package} has made {@code target/broadsheet.jar}; the
 * cases run in order, on one cache folder, each leaving it as the next one finds it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StartupCacheJarTests {

	static final Path JAR = Path.of("target/broadsheet.jar").toAbsolutePath();

	static final Path STEP = Path.of("src/test/deploy/start-cache.sh").toAbsolutePath();

	static final String JAVA_OPTS = "-Xmx64m -XX:+UseSerialGC";

	/** What makes a training run fail at once, so that the cases that need none stay short. */
	static final String FAILING_TRAINING = "--spring.main.web-application-type=nonsense";

	@TempDir
	static Path folder;

	static Path cache;

	@BeforeAll
	static void theJarIsBuilt() {
		assertThat(JAR).as("mvn package makes it before failsafe runs this").isRegularFile();
	}

	@Test
	@Order(1)
	void theStepMakesTheCacheOnceAndAStartFromItServesTheArticle() throws Exception {
		List<String> made = step(java(), JAR);
		assertThat(made).singleElement().asString()
			.matches("start-cache: no start-up cache in .* yet: made .*/broadsheet\\.(jsa|aot) for broadsheet\\.jar and Java \\d+ in \\d+ s");
		List<String> args = Files.readAllLines(cache("java.args"));
		assertThat(args).hasSize(3);
		cache = Path.of(args.get(0).substring(args.get(0).indexOf('=') + 1));
		assertThat(cache).isRegularFile().startsWith(folder);

		assertThat(step(java(), JAR)).as("made for this jar and JVM: used as it is").singleElement().asString()
			.startsWith("start-cache: using " + cache);

		Started started = start(java());
		assertThat(started.log()).as("the JVM took the cache without a word").doesNotContain("[cds", "[aot");
		System.out.println("First byte from the start-up cache: " + started.millis() + " ms");
	}

	@Test
	@Order(2)
	void aCacheMadeByAnotherJvmIsIgnoredWithOneLine() throws Exception {
		Path other = otherJava();
		assumeTrue(other != null, "no second JDK on this machine");
		assertThat(step(other.toString(), JAR, FAILING_TRAINING)).singleElement().asString()
			.startsWith("start-cache: the start-up cache in " + folder
					+ " was made for another JVM or other JVM options: ignoring it and the training run failed (exit 1: "
					+ "Failed to bind properties under 'spring.main.web-application-type'")
			.endsWith("starting " + JAR + " without a start-up cache");
		assertThat(Files.readAllLines(cache("java.args"))).containsExactly("-jar", JAR.toString());
		assertThat(cache).as("the cache made by the first JVM stays for it").isRegularFile();
	}

	@Test
	@Order(3)
	void aCacheMadeForAnotherJarIsIgnoredWithOneLine() throws Exception {
		Path other = anotherBuildOf(JAR, folder.resolve("other/broadsheet.jar"));
		assertThat(step(java(), other, FAILING_TRAINING)).singleElement().asString()
			.startsWith("start-cache: the start-up cache in " + folder + " was made for another jar: ignoring it and")
			.endsWith("starting " + other + " without a start-up cache");
		assertThat(Files.readAllLines(cache("java.args"))).containsExactly("-jar", other.toString());
	}

	@Test
	@Order(4)
	void aDamagedCacheIsIgnoredWithOneLineAndNeverGivenToTheJvm() throws Exception {
		// cut short, as a full disk leaves it: Java 17 given it would crash as it starts
		try (FileChannel file = FileChannel.open(cache, StandardOpenOption.WRITE)) {
			file.truncate(4096);
		}
		assertThat(step(java(), JAR, FAILING_TRAINING)).singleElement().asString()
			.startsWith("start-cache: the start-up cache " + cache.getParent() + " is damaged")
			.contains("ignoring it and the training run failed")
			.endsWith("starting " + JAR + " without a start-up cache");
		assertThat(Files.readAllLines(cache("java.args"))).containsExactly("-jar", JAR.toString());
	}

	/** Runs the step as the systemd unit does, and returns what it printed. */
	static List<String> step(String java, Path jar, String... training) throws Exception {
		List<String> command = new ArrayList<>(List.of("bash", STEP.toString(), jar.toString(), folder.toString()));
		command.addAll(List.of(training));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("JAVA", java);
		builder.environment().put("JAVA_OPTS", JAVA_OPTS);
		Process step = builder.start();
		String output;
		try (InputStream in = step.getInputStream()) {
			output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(step.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(step.exitValue()).as("the step never stops a start: " + output).isZero();
		return output.lines().toList();
	}

	record Started(String log, long millis) {
	}

	/** Starts the jar as the unit does, {@code java $JAVA_OPTS @java.args}, until it serves the article. */
	static Started start(String java) throws Exception {
		int port = freePort();
		Path log = folder.resolve("app-" + port + ".log");
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(List.of(JAVA_OPTS.split(" ")));
		command.addAll(List.of("@" + cache("java.args"), "--server.port=" + port, "--server.address=127.0.0.1"));
		long launched = System.nanoTime();
		Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			HttpClient http = HttpClient.newHttpClient();
			long deadline = launched + TimeUnit.SECONDS.toNanos(120);
			while (System.nanoTime() < deadline) {
				assertThat(app.isAlive()).as("the app exited: " + Files.readString(log)).isTrue();
				try {
					HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
						.build(), HttpResponse.BodyHandlers.ofString());
					long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched);
					assertThat(page.statusCode()).isEqualTo(200);
					assertThat(page.body()).contains("North Korea: Increased Cell Phone Usage Signals Change");
					return new Started(Files.readString(log), millis);
				}
				catch (IOException notYet) {
					Thread.sleep(50);
				}
			}
			throw new AssertionError("nothing answered on port " + port + ": " + Files.readString(log));
		}
		finally {
			app.destroy();
			app.waitFor(30, TimeUnit.SECONDS);
		}
	}

	static Path cache(String name) {
		return folder.resolve(name);
	}

	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** Another JDK than the one running the tests, if the machine has one. */
	static Path otherJava() throws IOException {
		Path running = Path.of(System.getProperty("java.home")).toRealPath();
		Path jvms = Path.of("/usr/lib/jvm");
		if (!Files.isDirectory(jvms)) {
			return null;
		}
		try (Stream<Path> homes = Files.list(jvms)) {
			for (Path home : homes.sorted().toList()) {
				Path java = home.resolve("bin/java");
				if (Files.isExecutable(java) && !home.toRealPath().equals(running)
						&& !running.startsWith(home.toRealPath())) {
					return java;
				}
			}
		}
		return null;
	}

	/** The same jar with one more file in it: another build, as far as its bytes go. */
	static Path anotherBuildOf(Path jar, Path copy) throws IOException {
		Files.createDirectories(copy.getParent());
		try (ZipFile source = new ZipFile(jar.toFile()); OutputStream file = Files.newOutputStream(copy);
				ZipOutputStream out = new ZipOutputStream(file)) {
			for (ZipEntry entry : java.util.Collections.list(source.entries())) {
				ZipEntry same = new ZipEntry(entry.getName());
				same.setMethod(entry.getMethod());
				same.setTime(entry.getTime());
				if (entry.getMethod() == ZipEntry.STORED) {
					// nested jars stay stored, as Boot's launcher needs them
					same.setSize(entry.getSize());
					same.setCompressedSize(entry.getSize());
					same.setCrc(entry.getCrc());
				}
				out.putNextEntry(same);
				try (InputStream in = source.getInputStream(entry)) {
					in.transferTo(out);
				}
				out.closeEntry();
			}
			byte[] note = "another build".getBytes(StandardCharsets.UTF_8);
			ZipEntry extra = new ZipEntry("BOOT-INF/classes/another-build.txt");
			out.putNextEntry(extra);
			out.write(note);
			out.closeEntry();
		}
		return copy;
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
