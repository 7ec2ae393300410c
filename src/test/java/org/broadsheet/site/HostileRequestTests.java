package org.broadsheet.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a site probed all day receives: raw requests on a real port, written byte for byte so that
 * no client library tidies them up first.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HostileRequestTests {

	@LocalServerPort
	int port;

	/** Sends the bytes as they are and returns the whole response as text. */
	String raw(String request) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 2000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	String get(String target) throws IOException {
		return raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
	}

	static int status(String response) {
		assertThat(response).as("a response").startsWith("HTTP/1.1 ");
		return Integer.parseInt(response.substring(9, 12));
	}

	static void assertNothingLeaked(String response) {
		assertThat(response).doesNotContain("Exception")
			.doesNotContain("\tat ")
			.doesNotContain("Whitelabel")
			.doesNotContain("Apache Tomcat/")
			.doesNotContain("broadsheet.article")
			.doesNotContain("spring.application.name")
			.doesNotContain("[core]")
			.doesNotContainIgnoringCase("\nServer:");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/../pom.xml", "/%2e%2e/pom.xml", "/%2E%2E/%2E%2E/etc/passwd", "/..%2fpom.xml",
			"/..%5cpom.xml", "/%252e%252e/pom.xml", "/images/../application.properties",
			"/images/..%2f..%2fpom.xml", "/images/%2e%2e/%2e%2e/pom.xml", "/images/..\\..\\article.md",
			"/images/%c0%ae%c0%ae/article.md", "/css/..;/application.properties", "/css/%2e%2e/application.properties",
			"/WEB-INF/web.xml", "/META-INF/MANIFEST.MF", "/.git/config", "/application.properties",
			"/content/article.md", "/article.md", "/images/", "/css/", "/BOOT-INF/classes/application.properties",
			"/org/broadsheet/BroadsheetApplication.class", "/static/css/site.css", "/templates/layout.html" })
	void traversalAndPrivateFilesGetAClientErrorAndLeakNothing(String target) throws IOException {
		String response = get(target);
		assertThat(status(response)).as(target).isBetween(400, 499);
		assertNothingLeaked(response);
		assertThat(response).doesNotContain("[core]").doesNotContain("<project").doesNotContain("root:");
		assertThat(response).as("security headers even when Tomcat answers itself")
			.contains("\r\nContent-Security-Policy: default-src 'none';")
			.contains("\r\nX-Content-Type-Options: nosniff\r\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", "GET /%00 HTTP/1.1\r\nHost: x\r\n\r\n",
			"GET / HTTP/1.1\r\nHost: x\r\nBroken header line\r\n\r\n", "G@T / HTTP/1.1\r\nHost: x\r\n\r\n",
			"GET / HTTP/x.y\r\nHost: x\r\n\r\n", "GET /\u0001 HTTP/1.1\r\nHost: x\r\n\r\n",
			"GET http://[::1 HTTP/1.1\r\nHost: x\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
			"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
			"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
			"GET /?q=%ff%fe HTTP/1.1\r\nHost: x\r\nRange: bytes=zz\r\n\r\n" })
	void malformedRequestsGetAClientErrorNeverAServerError(String request) throws IOException {
		String response = raw(request.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));
		assertThat(status(response)).as(request).isLessThan(500);
		assertNothingLeaked(response);
		assertThat(response).contains("\r\nContent-Security-Policy: default-src 'none';");
	}

	/** A well-formed request for a version no server speaks gets RFC 9110's 505, and nothing else. */
	@Test
	void unsupportedHttpVersionIsAnsweredByTheRfcAndLeaksNothing() throws IOException {
		String response = raw("GET / HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n");
		assertThat(status(response)).isEqualTo(505);
		assertNothingLeaked(response);
	}

	@Test
	void seventyKilobyteHeaderIsRefused() throws IOException {
		String response = raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(70 * 1024)
				+ "\r\nConnection: close\r\n\r\n");
		assertThat(status(response)).isIn(400, 431);
	}

	@Test
	void traceIsRefused() throws IOException {
		assertThat(status(raw("TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))).isEqualTo(405);
	}

	@ParameterizedTest
	@ValueSource(strings = { "POST", "PUT", "DELETE", "PATCH" })
	void otherMethodsOnTheArticleGetMethodNotAllowedWithAllow(String method) throws IOException {
		String response = raw(method + " / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
		assertThat(status(response)).isEqualTo(405);
		assertThat(response).containsPattern("(?i)\r\nAllow: GET");
		assertNothingLeaked(response);
	}

	@Test
	void errorPathIsNotFoundAndShowsNoWhitelabel() throws IOException {
		String response = get("/error");
		assertThat(status(response)).isEqualTo(404);
		assertThat(response).contains("This page does not exist");
		assertNothingLeaked(response);
	}

	@Test
	void actuatorExposesHealthAndProbesOnly() throws IOException {
		assertThat(status(get("/livez"))).isEqualTo(200);
		assertThat(status(get("/readyz"))).isEqualTo(200);
		assertThat(get("/readyz")).contains("\"status\":\"UP\"");
		for (String endpoint : List.of("/actuator", "/actuator/env", "/actuator/beans", "/actuator/configprops",
				"/actuator/heapdump", "/actuator/threaddump", "/actuator/mappings", "/actuator/loggers",
				"/actuator/metrics", "/actuator/info", "/actuator/shutdown")) {
			assertThat(status(get(endpoint))).as(endpoint).isEqualTo(404);
		}
		assertThat(get("/actuator/health")).doesNotContain("components").doesNotContain("diskSpace");
	}

	@Test
	void forgedHostHeaderChangesNothing() throws IOException {
		String honest = body(get("/"));
		String forged = body(raw("GET / HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil.example\r\n"
				+ "Connection: close\r\n\r\n"));
		assertThat(forged).isEqualTo(honest).doesNotContain("evil.example");
		assertThat(body(raw("GET /nope HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")))
			.doesNotContain("evil.example");
	}

	static String body(String response) {
		return response.substring(response.indexOf("\r\n\r\n") + 4);
	}

	/**
	 * Hundreds of clients that send half a request and wait must not keep readers from the article.
	 */
	@Test
	void halfSentRequestsDoNotStopTheArticleBeingServed() throws Exception {
		List<Socket> slow = new ArrayList<>();
		try {
			for (int i = 0; i < 300; i++) {
				Socket socket = new Socket();
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 2000);
				socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
				socket.getOutputStream().flush();
				slow.add(socket);
			}
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			long start = System.nanoTime();
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/"))
				.timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		}
		finally {
			for (Socket socket : slow) {
				socket.close();
			}
		}
	}

	/** Tomcat gives up on a client that never finishes its request, freeing the connection. */
	@Test
	void idleHalfSentRequestIsClosedByTheServer() throws Exception {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 2000);
			socket.setSoTimeout(30_000);
			socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
			long start = System.nanoTime();
			InputStream in = socket.getInputStream();
			while (in.read() != -1) {
				// drain whatever the server answers before it closes
			}
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(25));
		}
	}

}
