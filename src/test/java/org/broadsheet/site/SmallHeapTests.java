package org.broadsheet.site;

import java.io.IOException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heap the README recommends survives a flood of connections: a separate JVM with
 * {@code -Xmx64m}, a thousand clients that each send half a request and wait, and afterwards the
 * article is still served. Without a connection limit sized to the heap, Tomcat runs out of memory
 * at about 800 such connections, and its acceptor thread dies with it.
 */
class SmallHeapTests {

	static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	static final Pattern LIMIT = Pattern.compile("Accepting up to (\\d+) connections at once");

	static final int FLOOD = 1000;

	@TempDir
	Path folder;

	@Test
	void aFloodOfHalfSentRequestsDoesNotExhaustA64MegabyteHeap() throws Exception {
		Path log = this.folder.resolve("app.log");
		Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
				"-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), BroadsheetApplication.class.getName(),
				"--server.port=0", "--broadsheet.watch=false", "--spring.main.banner-mode=off")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		List<Socket> flood = new ArrayList<>();
		try {
			int port = awaitPort(app, log);
			Matcher limit = LIMIT.matcher(Files.readString(log));
			assertThat(limit.find()).as("the connection limit is logged").isTrue();
			int connections = Integer.parseInt(limit.group(1));
			assertThat(connections).isBetween(256, 512);
			int failures = 0;
			for (int i = 0; i < FLOOD && failures < 5; i++) {
				Socket socket = new Socket();
				try {
					socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
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
			Thread.sleep(2000);
			close(flood);

			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
				.timeout(Duration.ofSeconds(20))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("North Korea: Increased Cell Phone Usage Signals Change");
			assertThat(app.isAlive()).isTrue();
			assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
		}
		finally {
			close(flood);
			app.destroy();
			if (!app.waitFor(20, TimeUnit.SECONDS)) {
				app.destroyForcibly();
			}
		}
	}

	@Test
	void theConnectionLimitFollowsTheHeap() {
		assertThat(TomcatTuning.maxConnections(64L << 20)).isEqualTo(384);
		assertThat(TomcatTuning.maxConnections(128L << 20)).isEqualTo(1408);
		assertThat(TomcatTuning.maxConnections(6L << 30)).as("Tomcat's default").isEqualTo(8192);
		assertThat(TomcatTuning.maxConnections(32L << 20)).as("the floor").isEqualTo(64);
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

	static void close(List<Socket> sockets) throws IOException {
		for (Socket socket : sockets) {
			socket.close();
		}
		sockets.clear();
	}

}
