package org.broadsheet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.broadsheet.edition.Edition;
import org.broadsheet.edition.Page;
import org.broadsheet.edition.ResponseHeaders;
import org.broadsheet.publishing.Publication;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application on a real port: what only a running server shows. Tomcat's own answers and
 * the security headers on them, compression, the static files, the probes, and requests written byte
 * for byte so that no client library tidies them up first. What the pages say is tested where they
 * are printed.
 */
@FullApplication
class BroadsheetApplicationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	Publication publication;

	@Autowired
	ApplicationContext context;

	HttpResponse<byte[]> get(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	Document page() throws Exception {
		return Jsoup.parse(new String(get("/").body(), StandardCharsets.UTF_8));
	}

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

	String rawGet(String target) throws IOException {
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

	@Test
	void servesWhatWasPrintedForEachPath() throws Exception {
		Edition edition = this.publication.current();
		assertServed("/", edition.page());
		for (String path : edition.views().keySet()) {
			assertServed(path, edition.views().get(path));
		}
		HttpResponse<byte[]> missing = get("/no/such/page");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).isEqualTo(edition.notFound().bytes());
		assertThat(get("/card-0123abc.png").statusCode()).as("a card that was never drawn").isEqualTo(404);
	}

	private void assertServed(String path, Page page) throws Exception {
		HttpResponse<byte[]> response = get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		assertThat(response.body()).as(path).isEqualTo(page.bytes());
		assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue(page.contentType());
		assertThat(response.headers().firstValue("Cache-Control")).as(path).hasValue(page.cacheControl());
	}

	@Test
	void stylesheetIsFingerprintedImmutableForAYearAndGzipped() throws Exception {
		String href = page().selectFirst("link[rel=stylesheet]").attr("href");
		assertThat(href).matches("/css/site-[0-9a-f]{20}\\.css");
		HttpResponse<byte[]> css = get(href);
		assertThat(css.statusCode()).isEqualTo(200);
		assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/css"));
		assertThat(css.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");
		try (InputStream file = new ClassPathResource("static/css/site.css").getInputStream()) {
			assertThat(css.body()).isEqualTo(file.readAllBytes());
		}
		HttpResponse<byte[]> gzip = get(href, "Accept-Encoding", "gzip");
		assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(gzip.headers().firstValue("Vary")).hasValueSatisfying((vary) -> assertThat(vary).containsIgnoringCase("Accept-Encoding"));
	}

	@Test
	void everyPhotoFileThePageNamesIsServedFromMemoryImmutableForAYear() throws Exception {
		Document page = page();
		assertThat(page.select("img")).hasSize(3);
		assertThat(page.select("picture > source[type=image/webp] + img")).as("the two camera files").hasSize(2);
		Set<String> urls = new LinkedHashSet<>();
		for (Element element : page.select("img, picture source")) {
			if (element.hasAttr("src")) {
				urls.add(element.attr("src"));
			}
			for (String candidate : element.attr("srcset").split(",")) {
				if (!candidate.isBlank()) {
					urls.add(candidate.strip().split(" ")[0]);
				}
			}
		}
		assertThat(urls).hasSizeGreaterThan(12);
		Edition edition = this.publication.current();
		for (String url : urls) {
			assertThat(url).matches("/images/[a-z-]+(-\\d+w)?-[0-9a-f]{20}\\.(webp|jpg|svg)");
			HttpResponse<byte[]> photo = get(url);
			assertThat(photo.statusCode()).as(url).isEqualTo(200);
			String type = url.endsWith(".webp") ? "image/webp" : url.endsWith(".jpg") ? "image/jpeg" : "image/svg+xml";
			assertThat(photo.headers().firstValue("Content-Type")).as(url).hasValue(type);
			assertThat(photo.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");
			assertThat(photo.body()).isEqualTo(edition.views().get(url).bytes());
		}
	}

	/**
	 * Only the photo files printed with the edition are served, by their exact URLs: not the files the
	 * editor saved, nor anything else in the folder, nor a URL with the wrong fingerprint, which is a
	 * map lookup and a 404 rather than a read of the file. The stylesheet likewise: its unhashed name
	 * would be cached a year, and go stale.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/images/notes.html", "/images/.env", "/images/passwd.txt", "/images/feature.jpg",
			"/images/kim-supporters.svg", "/images/soldiers-march.jpg", "/images/feature-800w-00000000000000000000.webp",
			"/images/feature-0123456789abcdef0123.jpg", "/images/", "/images/feature-800w.webp", "/css/site.css",
			"/css/site-0123456789abcdef0123.css" })
	void onlyTheArticlesOwnPhotoFilesAreServed(String path) throws Exception {
		HttpResponse<byte[]> response = get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("This page does not exist")
			.doesNotContain("root:").doesNotContain("hunter2").doesNotContain("alert('notes')");
	}

	@Test
	void aFileArticleIsPublishedNotPreviewedUnlessAsked() throws Exception {
		assertThat(get("/").headers().firstValue("Cache-Control"))
			.hasValue("public, max-age=300, stale-while-revalidate=86400, stale-if-error=86400");
	}

	@Test
	void thePublishedPageRunsNoScriptAndHasNoPreviewEvents() throws Exception {
		Document page = Jsoup.parse(new String(get("/").body(), StandardCharsets.UTF_8));
		assertThat(page.select("script").eachAttr("type")).as("data only: the JSON-LD").containsExactly("application/ld+json");
		assertThat(page.select("meta[name=broadsheet-live]")).isEmpty();
		assertThat(get("/").headers().firstValue("Content-Security-Policy")).hasValue(ResponseHeaders.CONTENT_SECURITY_POLICY)
			.hasValueSatisfying((policy) -> assertThat(policy).doesNotContain("script-src"));
		HttpResponse<byte[]> events = get("/_preview/events");
		assertThat(events.statusCode()).isEqualTo(404);
		assertThat(events.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
	}

	@Test
	void unknownPathGetsTheNotFoundPageInTheSameLayout() throws Exception {
		HttpResponse<byte[]> response = get("/no/such/page");
		assertThat(response.statusCode()).isEqualTo(404);
		Document page = Jsoup.parse(new String(response.body(), StandardCharsets.UTF_8));
		assertThat(page.select("link[rel=stylesheet]").attr("href")).startsWith("/css/site-");
		assertThat(page.select("main a[href=/]").text()).isEqualTo("North Korea: Increased Cell Phone Usage Signals Change");
		assertThat(page.select("meta[name=robots]").attr("content")).isEqualTo("noindex");
	}

	@Test
	void forgedHostHeaderChangesNothing() throws Exception {
		for (String path : List.of("/", "/feed.xml", "/sitemap.xml", "/robots.txt", "/nope")) {
			byte[] honest = get(path).body();
			byte[] forged = get(path, "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "http",
					"Forwarded", "host=evil.example;proto=http").body();
			assertThat(forged).as(path).isEqualTo(honest);
			assertThat(new String(forged, StandardCharsets.UTF_8)).doesNotContain("evil.example").doesNotContain("localhost");
		}
		String raw = rawGet("/");
		String forged = raw("GET / HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil.example\r\n"
				+ "Connection: close\r\n\r\n");
		assertThat(forged.substring(forged.indexOf("\r\n\r\n"))).isEqualTo(raw.substring(raw.indexOf("\r\n\r\n")))
			.doesNotContain("evil.example");
	}

	@Test
	void theProbesReportLivenessAndReadinessAndNothingElseIsExposed() throws IOException {
		assertThat(status(rawGet("/livez"))).isEqualTo(200);
		String ready = rawGet("/readyz");
		assertThat(status(ready)).isEqualTo(200);
		assertThat(ready).contains("Content-Type: application/json").contains("Cache-Control: no-store")
			.endsWith("\r\n\r\n{\"status\":\"UP\"}");
		for (String endpoint : List.of("/actuator", "/actuator/health", "/actuator/env", "/actuator/beans",
				"/actuator/configprops", "/actuator/heapdump", "/actuator/threaddump", "/actuator/mappings",
				"/actuator/loggers", "/actuator/metrics", "/actuator/info", "/actuator/shutdown")) {
			assertThat(status(rawGet(endpoint))).as(endpoint).isEqualTo(404);
		}
	}

	@Test
	void readinessGoesOutOfServiceWhenTheAppRefusesTraffic() throws IOException {
		// what Spring Boot publishes as a graceful shutdown begins, so that a load balancer stops routing here
		AvailabilityChangeEvent.publish(this.context, ReadinessState.REFUSING_TRAFFIC);
		try {
			String refusing = rawGet("/readyz");
			assertThat(status(refusing)).isEqualTo(503);
			assertThat(refusing).endsWith("{\"status\":\"OUT_OF_SERVICE\"}");
			assertThat(status(rawGet("/livez"))).as("still live").isEqualTo(200);
		}
		finally {
			AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
		}
		assertThat(status(rawGet("/readyz"))).isEqualTo(200);
	}

	@Nested
	class SecurityHeaders {

		@ParameterizedTest
		@ValueSource(strings = { "/", "/no-such-page", "/error", "/livez", "/favicon.svg", "/css/site.css" })
		void everyResponseCarriesTheSecurityHeaders(String path) throws Exception {
			HttpHeaders headers = get(path).headers();
			assertThat(headers.firstValue("Content-Security-Policy")).hasValue("default-src 'none'; style-src 'self'; "
					+ "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
			assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(headers.firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
			assertThat(headers.firstValue("Permissions-Policy")).hasValueSatisfying(
					(policy) -> assertThat(policy).contains("camera=()").contains("geolocation=()").contains("microphone=()"));
			assertThat(headers.firstValue("Cross-Origin-Opener-Policy")).hasValue("same-origin");
			assertThat(headers.firstValue("Cross-Origin-Resource-Policy")).hasValue("same-origin");
			ResponseHeaders.SECURITY.forEach((name, value) -> assertThat(headers.allValues(name)).as("%s, once", name)
				.containsExactly(value));
			assertThat(headers.firstValue("Server")).isEmpty();
			assertThat(headers.firstValue("X-Powered-By")).isEmpty();
			assertThat(headers.firstValue("Strict-Transport-Security")).as("no HSTS over plain HTTP").isEmpty();
		}

		@Test
		void strictTransportSecurityWhenAProxySaysTheRequestCameOverHttps() throws Exception {
			assertThat(get("/", "X-Forwarded-Proto", "https").headers().allValues("Strict-Transport-Security"))
				.containsExactly("max-age=63072000; includeSubDomains");
		}

	}

	/** What a site probed all day receives. */
	@Nested
	class HostileRequests {

		@ParameterizedTest
		@ValueSource(strings = { "/../pom.xml", "/%2e%2e/pom.xml", "/%2E%2E/%2E%2E/etc/passwd", "/..%2fpom.xml",
				"/..%5cpom.xml", "/%252e%252e/pom.xml", "/images/../application.properties",
				"/images/..%2f..%2fpom.xml", "/images/%2e%2e/%2e%2e/pom.xml", "/images/..\\..\\article.md",
				"/images/%c0%ae%c0%ae/article.md", "/css/..;/application.properties", "/css/%2e%2e/application.properties",
				"/WEB-INF/web.xml", "/META-INF/MANIFEST.MF", "/.git/config", "/application.properties",
				"/content/article.md", "/article.md", "/images/", "/css/", "/BOOT-INF/classes/application.properties",
				"/org/broadsheet/BroadsheetApplication.class", "/static/css/site.css", "/templates/layout.html" })
		void traversalAndPrivateFilesGetAClientErrorAndLeakNothing(String target) throws IOException {
			String response = rawGet(target);
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

		/**
		 * Hundreds of clients that send half a request and wait must not keep readers from the article.
		 */
		@Test
		void halfSentRequestsDoNotStopTheArticleBeingServed() throws Exception {
			List<Socket> slow = new ArrayList<>();
			try {
				for (int i = 0; i < 300; i++) {
					Socket socket = new Socket();
					socket.connect(new InetSocketAddress("127.0.0.1", BroadsheetApplicationTests.this.port), 2000);
					socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
					socket.getOutputStream().flush();
					slow.add(socket);
				}
				HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
				long start = System.nanoTime();
				HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + BroadsheetApplicationTests.this.port + "/"))
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

	}

}
