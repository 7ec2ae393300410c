package org.broadsheet.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.broadsheet.BroadsheetApplication;
import org.broadsheet.photos.CameraFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deploy line's JVM, {@code -Xmx64m -XX:+UseSerialGC}, started as a separate process with the
 * application's own settings, on the article with three 24 MP camera files of 10 MB in place of its
 * stand-ins. It develops them, starts and serves them. A thousand clients that each send half a
 * request and wait do not exhaust its heap: without a connection limit sized to the heap, Tomcat runs
 * out of memory at about 800 such connections, and its acceptor thread dies with it. Runs beside the
 * other tests, as it mostly waits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.CONCURRENT)
class SmallHeapTests {

	static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	static final Pattern LIMIT = Pattern.compile("Accepting up to (\\d+) connections at once");

	static final int FLOOD = 1000;

	Path folder;

	Path log;

	Process app;

	int port;

	Socket idle;

	long idleSince;

	@BeforeAll
	void startTheDeployLine() throws Exception {
		this.folder = Files.createTempDirectory("broadsheet-small-heap");
		this.log = this.folder.resolve("app.log");
		Path article = CameraFiles.article(this.folder.resolve("content"), true);
		// the deploy line's heap and collector; C1 alone, as the JIT is not what is tested, and costs the others
		this.app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
				"-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				BroadsheetApplication.class.getName(), "--server.port=0", "--broadsheet.article=" + article,
				"--broadsheet.photo-cache=" + this.folder.resolve("cache"),
				"--spring.main.banner-mode=off")
			.redirectErrorStream(true)
			.redirectOutput(this.log.toFile())
			.start();
		this.port = awaitPort(this.app, this.log);
		// sent now, so that the server's 10 s patience runs out while the other tests run
		this.idle = new Socket();
		this.idle.connect(new InetSocketAddress("127.0.0.1", this.port), 2000);
		this.idle.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
		this.idleSince = System.nanoTime();
	}

	@AfterAll
	void stop() throws Exception {
		if (this.app != null) {
			this.app.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
		}
		FileSystemUtils.deleteRecursively(this.folder);
	}

	@Test
	void itDevelopsAndServesTheThreeCameraFiles() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		String page = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher variants = Pattern.compile("/images/[a-z-]+-\\d+w-[0-9a-f]{20}\\.webp").matcher(page);
		int served = 0;
		while (variants.find()) {
			HttpResponse<byte[]> variant = client.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + variants.group())).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			assertThat(variant.statusCode()).as(variants.group()).isEqualTo(200);
			assertThat(variant.headers().firstValue("Content-Type")).hasValue("image/webp");
			served++;
		}
		assertThat(served).as("WebP variants of three photos").isGreaterThanOrEqualTo(3 * 3);
		assertThat(Files.readString(this.log)).as("the deploy line publishes: no preview unless asked")
			.contains("Publishing " + this.folder.resolve("content/article.md") + " at http://localhost:8080/")
			.doesNotContain("Live preview");
		assertThat(this.app.isAlive()).isTrue();
		assertThat(Files.readString(this.log)).doesNotContain("OutOfMemoryError");
		try (var cached = Files.list(this.folder.resolve("cache"))) {
			assertThat(cached.count()).as("developed photos kept for the next start").isEqualTo(3);
		}
	}

	@Test
	void aFloodOfHalfSentRequestsDoesNotExhaustTheHeap() throws Exception {
		Matcher limit = LIMIT.matcher(Files.readString(this.log));
		assertThat(limit.find()).as("the connection limit is logged").isTrue();
		int connections = Integer.parseInt(limit.group(1));
		assertThat(connections).isBetween(256, 512);
		List<Socket> flood = new ArrayList<>();
		try {
			int failures = 0;
			for (int i = 0; i < FLOOD && failures < 3; i++) {
				Socket socket = new Socket();
				try {
					socket.connect(new InetSocketAddress("127.0.0.1", this.port), 500);
					socket.getOutputStream()
						.write("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
					flood.add(socket);
					failures = 0;
				}
				catch (IOException ex) {
					// the server and the operating system's queue are full: the flood is at its worst
					socket.close();
					failures++;
				}
			}
			assertThat(flood).as("connections held open").hasSizeGreaterThan(connections);
			Thread.sleep(1000);
		}
		finally {
			for (Socket socket : flood) {
				socket.close();
			}
		}
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/"))
			.timeout(Duration.ofSeconds(20))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("North Korea: Increased Cell Phone Usage Signals Change");
		assertThat(this.app.isAlive()).isTrue();
		assertThat(Files.readString(this.log)).doesNotContain("OutOfMemoryError");
	}

	/** Tomcat gives up on a client that never finishes its request, freeing the connection. */
	@Test
	void anIdleHalfSentRequestIsClosedByTheServer() throws Exception {
		try (Socket socket = this.idle) {
			socket.setSoTimeout(30_000);
			InputStream in = socket.getInputStream();
			while (in.read() != -1) {
				// drain whatever the server answers before it closes
			}
			assertThat(Duration.ofNanos(System.nanoTime() - this.idleSince)).isLessThan(Duration.ofSeconds(25));
		}
	}

	static int awaitPort(Process app, Path log) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			Matcher matcher = PORT.matcher(Files.readString(log));
			if (matcher.find()) {
				return Integer.parseInt(matcher.group(1));
			}
			assertThat(app.isAlive()).as("the application exited: " + Files.readString(log)).isTrue();
			Thread.sleep(100);
		}
		throw new AssertionError("the application did not start within 120 s: " + Files.readString(log));
	}

}
