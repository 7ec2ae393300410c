package org.broadsheet.site;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headers as served: security on every response, and caching and compression that a browser and a
 * CDN can rely on.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SecurityHeadersTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	HttpResponse<byte[]> get(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	String linked(String pattern) throws Exception {
		Matcher matcher = Pattern.compile(pattern).matcher(new String(get("/").body()));
		assertThat(matcher.find()).isTrue();
		return matcher.group();
	}

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
		SecurityHeadersFilter.HEADERS.forEach((name, value) -> assertThat(headers.allValues(name)).as("%s, once", name)
			.containsExactly(value));
		assertThat(headers.firstValue("Server")).isEmpty();
		assertThat(headers.firstValue("X-Powered-By")).isEmpty();
		assertThat(headers.firstValue("Strict-Transport-Security")).as("no HSTS over plain HTTP").isEmpty();
	}

	@Test
	void strictTransportSecurityWhenAProxySaysTheRequestCameOverHttps() throws Exception {
		assertThat(get("/", "X-Forwarded-Proto", "https").headers().firstValue("Strict-Transport-Security"))
			.hasValue("max-age=63072000; includeSubDomains");
	}

	@Test
	void pageMayBeKeptBrieflyAndServedStaleWhileItRevalidates() throws Exception {
		HttpResponse<byte[]> page = get("/");
		assertThat(page.headers().firstValue("Cache-Control")).hasValue("public, max-age=300, stale-while-revalidate=86400");
		String etag = page.headers().firstValue("ETag").orElseThrow();
		assertThat(etag).matches("\"[0-9a-f]+\"");
		HttpResponse<byte[]> again = get("/", "If-None-Match", etag);
		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
	}

	@Test
	void pageIsGzippedForClientsThatAskWithItsOwnEtag() throws Exception {
		HttpResponse<byte[]> plain = get("/");
		HttpResponse<byte[]> gzip = get("/", "Accept-Encoding", "gzip");
		assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(gzip.headers().firstValue("Vary")).hasValue("Accept-Encoding");
		assertThat(plain.headers().firstValue("Vary")).hasValue("Accept-Encoding");
		assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(gzip.body().length).isLessThan(plain.body().length / 2);
		assertThat(gzip.headers().firstValue("ETag")).isNotEqualTo(plain.headers().firstValue("ETag"));
		String gzipTag = gzip.headers().firstValue("ETag").orElseThrow();
		assertThat(get("/", "Accept-Encoding", "gzip", "If-None-Match", gzipTag).statusCode()).isEqualTo(304);
	}

	@Test
	void fingerprintedStylesheetIsImmutableForAYearAndGzipped() throws Exception {
		String href = linked("/css/site-[0-9a-f]{32}\\.css");
		HttpResponse<byte[]> css = get(href, "Accept-Encoding", "gzip");
		assertThat(css.statusCode()).isEqualTo(200);
		assertThat(css.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");
		if (css.headers().firstValueAsLong("Content-Length").orElse(4096) >= 2048
				|| css.headers().firstValue("Content-Encoding").isPresent()) {
			assertThat(css.headers().firstValue("Content-Encoding")).hasValue("gzip");
			assertThat(css.headers().firstValue("Vary")).hasValueSatisfying((vary) -> assertThat(vary).containsIgnoringCase("Accept-Encoding"));
		}
	}

	@Test
	void photosAreImmutableForAYear() throws Exception {
		String src = linked("/images/[a-z-]+-[0-9a-f]{32}\\.svg");
		HttpResponse<byte[]> image = get(src);
		assertThat(image.statusCode()).isEqualTo(200);
		assertThat(image.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");
	}

	@Test
	void headGivesTheSameHeadersAsGet() throws Exception {
		HttpResponse<byte[]> get = get("/");
		HttpResponse<Void> head = this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/"))
			.method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
		for (String name : new String[] { "ETag", "Cache-Control", "Content-Type", "Content-Length", "Vary",
				"Content-Security-Policy" }) {
			assertThat(head.headers().firstValue(name)).as(name).isEqualTo(get.headers().firstValue(name));
		}
	}

}
