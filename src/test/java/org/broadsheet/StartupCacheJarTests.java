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
 * The start-up cache step ({@code src/test/deploy/start-cache.sh}) on the packaged jar, as an operator
 * and the systemd unit run it: {@code make} after the deploy builds the cache, {@code check} before
 * each start writes the options a start from it takes, and a cache made for another jar or another
 * JVM, or a damaged one, never stops the start: it is ignored, with one line. Run by failsafe once
 * {@code mvn package} has made {@code target/broadsheet.jar}; the cases run in order, on one cache
 * folder, each leaving it as the next one finds it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StartupCacheJarTests {

	static final Path JAR = Path.of("target/broadsheet.jar").toAbsolutePath();

	static final Path STEP = Path.of("src/test/deploy/start-cache.sh").toAbsolutePath();

	static final String JAVA_OPTS = "-Xmx64m -XX:+UseSerialGC";

	@TempDir
	static Path folder;

	static Path cache;

	@BeforeAll
	static void theJarIsBuilt() throws IOException {
		assertThat(JAR).as("mvn package makes it before failsafe runs this").isRegularFile();
		// as the unit's RuntimeDirectory: where each start's options go
		Files.createDirectories(folder.resolve("run"));
	}

	@Test
	@Order(1)
	void theCacheIsMadeOnceAndAStartFromItServesTheArticle() throws Exception {
		assertThat(step(java(), "make", JAR)).singleElement().asString()
			.matches("start-cache: made .*/broadsheet\\.(jsa|aot) for broadsheet\\.jar and Java \\d+ in \\d+ s");
		assertThat(step(java(), "make", JAR)).as("made once").singleElement().asString().matches(".* is already made for broadsheet\\.jar and Java \\d+");

		assertThat(check(java(), JAR)).singleElement().asString().startsWith("start-cache: using ");
		List<String> args = launcherOptions();
		assertThat(args).hasSize(3);
		cache = Path.of(args.get(0).substring(args.get(0).indexOf('=') + 1));
		assertThat(cache).isRegularFile().startsWith(folder);
		assertThat(args.get(2)).startsWith(folder.toString());

		// a start that cannot use the cache fails instead of going on without it
		Started started = start(java(), (Runtime.version().feature() >= 24) ? "-XX:AOTMode=on" : "-Xshare:on");
		assertThat(started.log()).contains("Started BroadsheetApplication");
		System.out.println("First byte from the start-up cache: " + started.millis() + " ms");
	}

	@Test
	@Order(2)
	void aCacheMadeByAnotherJvmIsIgnoredWithOneLine() throws Exception {
		Path other = otherJava();
		assumeTrue(other != null, "no second JDK on this machine");
		assertThat(check(other.toString(), JAR)).singleElement().asString()
			.startsWith("start-cache: the start-up cache in " + folder + " was made for another JVM (")
			.contains("; this start runs " + other.toRealPath() + "): ignoring it; starting " + JAR + " without a start-up cache");
		assertThat(launcherOptions()).containsExactly("-jar", JAR.toString());
	}

	@Test
	@Order(3)
	void aCacheMadeForOtherJvmOptionsIsIgnoredWithOneLine() throws Exception {
		assertThat(check(java(), JAR, "-Xmx96m -XX:+UseSerialGC")).singleElement().asString()
			.startsWith("start-cache: the start-up cache in " + folder + " was made for other JVM options ('"
					+ JAVA_OPTS + "'; this start has '-Xmx96m -XX:+UseSerialGC'): ignoring it; starting " + JAR);
		assertThat(launcherOptions()).containsExactly("-jar", JAR.toString());
	}

	@Test
	@Order(4)
	void aCacheMadeForAnotherJarIsIgnoredWithOneLine() throws Exception {
		// in a folder whose name has a space, which java.args must keep in one argument
		Path other = anotherBuildOf(JAR, folder.resolve("other build/broadsheet.jar"));
		assertThat(check(java(), other)).singleElement().asString()
			.isEqualTo("start-cache: the start-up cache in " + folder + " was made for another jar: ignoring it; starting "
					+ other + " without a start-up cache (make it with: start-cache.sh make " + other + " " + folder + ")");
		assertThat(launcherOptions()).containsExactly("-jar", other.toString());
		assertThat(start(java()).log()).as("and it starts").contains("Started BroadsheetApplication");
	}

	@Test
	@Order(5)
	void aDamagedCacheIsIgnoredWithOneLineAndNeverGivenToTheJvm() throws Exception {
		// cut short, as a full disk leaves it: Java 17 given it would crash as it starts
		try (FileChannel file = FileChannel.open(cache, StandardOpenOption.WRITE)) {
			file.truncate(4096);
		}
		assertThat(check(java(), JAR)).singleElement().asString()
			.startsWith("start-cache: the start-up cache " + cache.getParent() + " is unfinished or damaged")
			.contains("ignoring it; starting " + JAR + " without a start-up cache");
		assertThat(launcherOptions()).containsExactly("-jar", JAR.toString());
	}

	@Test
	@Order(6)
	void aFolderSomeoneElseCouldWriteToIsRefused() throws Exception {
		Path theirs = Files.createDirectories(folder.resolve("theirs"));
		Files.setPosixFilePermissions(theirs, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
		ProcessBuilder make = new ProcessBuilder("bash", STEP.toString(), "make", JAR.toString(), theirs.resolve("start").toString())
			.redirectErrorStream(true);
		Process process = make.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).isEqualTo(1);
		assertThat(output).isEqualTo("start-cache: error: " + theirs + ", on the path to " + theirs.resolve("start")
				+ ", may be written to by others\n");
		assertThat(theirs.resolve("start/.lock")).doesNotExist();
	}

	@Test
	@Order(7)
	void aTrainingThatFailsSaysWhyAndLeavesNoCache() throws Exception {
		ProcessBuilder make = command(java(), JAVA_OPTS, "make", JAR, "--spring.main.web-application-type=nonsense");
		Process process = make.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).isEqualTo(1);
		assertThat(output.lines()).singleElement().asString()
			.startsWith("start-cache: error: the training run failed (exit 1: Failed to bind properties under "
					+ "'spring.main.web-application-type'");
		assertThat(check(java(), JAR)).singleElement().asString().doesNotStartWith("start-cache: using");
	}

	/** Runs the step, which must succeed, and returns what it printed. */
	static List<String> step(String java, String command, Path jar, String... rest) throws Exception {
		return run(command(java, JAVA_OPTS, command, jar, rest));
	}

	/** Checks the cache as the unit's ExecStartPre does, into the instance's own java.args. */
	static List<String> check(String java, Path jar) throws Exception {
		return check(java, jar, JAVA_OPTS);
	}

	static List<String> check(String java, Path jar, String javaOpts) throws Exception {
		return run(command(java, javaOpts, "check", jar, args().toString()));
	}

	static ProcessBuilder command(String java, String javaOpts, String command, Path jar, String... rest) {
		List<String> line = new ArrayList<>(List.of("bash", STEP.toString(), command, jar.toString(), folder.toString()));
		line.addAll(List.of(rest));
		ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
		builder.environment().put("JAVA", java);
		builder.environment().put("JAVA_OPTS", javaOpts);
		return builder;
	}

	static List<String> run(ProcessBuilder builder) throws Exception {
		Process step = builder.start();
		String output;
		try (InputStream in = step.getInputStream()) {
			output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(step.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(step.exitValue()).as("the step never stops a start: " + output).isZero();
		return output.lines().toList();
	}

	static Path args() {
		return folder.resolve("run/java.args");
	}

	/** What java.args gives the launcher: one option a line, each quoted as an @file allows. */
	static List<String> launcherOptions() throws IOException {
		return Files.readAllLines(args()).stream().map((line) -> {
			assertThat(line).startsWith("\"").endsWith("\"");
			return line.substring(1, line.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
		}).toList();
	}

	record Started(String log, long millis, String page) {
	}

	/** Starts the jar as the unit does, {@code java $JAVA_OPTS @java.args}, until it serves the article. */
	static Started start(String java, String... more) throws Exception {
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(List.of(JAVA_OPTS.split(" ")));
		command.addAll(List.of(more));
		command.add("@" + args());
		return launch(folder, command, (port) -> true);
	}

	/** What a test waits for before the jar it started is stopped. */
	interface Done {

		boolean at(int port) throws Exception;

	}

	/**
	 * Runs the command, on a port of its own, until it serves the article, then until {@code done}
	 * holds, and stops it; its log goes to the folder.
	 */
	static Started launch(Path logs, List<String> java, Done done) throws Exception {
		int port = freePort();
		Path log = logs.resolve("app-" + port + ".log");
		List<String> command = new ArrayList<>(java);
		command.addAll(List.of("--server.port=" + port, "--server.address=127.0.0.1"));
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
					while (!done.at(port) && System.nanoTime() < deadline) {
						Thread.sleep(50);
					}
					return new Started(Files.readString(log), millis, page.body());
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
