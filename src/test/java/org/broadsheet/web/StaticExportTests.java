package org.broadsheet.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.broadsheet.BroadsheetApplication;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The static export: the whole site as files any static host can serve, byte for byte what the
 * server sends.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StaticExportTests {

	@LocalServerPort
	int port;

	@TempDir
	Path folder;

	Path export() {
		Path target = this.folder.resolve("site");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BroadsheetApplication.class)
			.run("--broadsheet.export=" + target)) {
			assertThat(context.getClass().getSimpleName()).as("no web server in export mode")
				.doesNotContain("Servlet")
				.doesNotContain("Web");
		}
		return target;
	}

	byte[] served(String path) throws Exception {
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
		return response.body();
	}

	@Test
	void writesEveryFileAndTheSameBytesTheServerSends() throws Exception {
		Path site = export();
		for (String file : List.of("index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt", "favicon.svg",
				"_headers")) {
			assertThat(site.resolve(file)).as(file).isNotEmptyFile();
		}
		assertThat(Files.readAllBytes(site.resolve("index.html"))).isEqualTo(served("/"));
		assertThat(Files.readAllBytes(site.resolve("404.html"))).isEqualTo(served("/no-such-page"));
		assertThat(Files.readAllBytes(site.resolve("feed.xml"))).isEqualTo(served("/feed.xml"));
		assertThat(Files.readString(site.resolve("_headers"))).contains("/css/*\n  Cache-Control: public, max-age=31536000, immutable")
			.contains("Content-Security-Policy: default-src 'none'");
	}

	@Test
	void everyLinkInTheExportedPageResolvesToAFileInTheExport() throws Exception {
		Path site = export();
		Document page = Jsoup.parse(Files.readString(site.resolve("index.html")));
		List<String> links = new ArrayList<>();
		for (Element element : page.select("[href], [src]")) {
			links.add(element.hasAttr("href") ? element.attr("href") : element.attr("src"));
		}
		for (Element meta : page.select("meta[content^=http://localhost:8080/]")) {
			links.add(meta.attr("content"));
		}
		assertThat(links).hasSizeGreaterThan(8);
		int checked = 0;
		for (String link : links) {
			String path = link.replaceFirst("^http://localhost:8080", "").replaceFirst("#.*$", "");
			if (link.startsWith("#") || path.startsWith("mailto:")) {
				continue;
			}
			assertThat(path).as(link).startsWith("/");
			Path file = site.resolve(path.equals("/") ? "index.html" : path.substring(1));
			assertThat(file).as(link).isRegularFile();
			assertThat(Files.readAllBytes(file)).as(link).isEqualTo(served(path));
			checked++;
		}
		assertThat(checked).isGreaterThan(8);
	}

	/** As an operator runs it: the packaged main exits 0 without ever listening on a port. */
	@Test
	void theProcessExitsZeroWithoutStartingAServer() throws Exception {
		Path target = this.folder.resolve("process");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), BroadsheetApplication.class.getName(),
				"--broadsheet.export=" + target)
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("Exported").doesNotContain("Tomcat started");
		assertThat(target.resolve("index.html")).isNotEmptyFile();
	}

}
