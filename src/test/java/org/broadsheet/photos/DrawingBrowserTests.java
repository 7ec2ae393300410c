package org.broadsheet.photos;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.broadsheet.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile drawings, rebuilt, opened one by one in real Chromium straight from a static server that
 * sends no Content-Security-Policy, as GitHub Pages or S3 would serve them: none may run a script or
 * fetch anything. Each drawing's script would mark the document and call a beacon on that server,
 * and each of its links points to a beacon; the server records every request. The same drawings,
 * unsanitised, show that the harness sees a drawing that runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// beside the other classes, as it mostly waits on the browser; its own tests one after another
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Chromium.LOCK)
class DrawingBrowserTests {

	static final List<String> HOSTILE = List.of("entity-script", "utf-16-script", "iso-8859-1-script",
			"stylesheet-instruction", "escaped-import", "presentation-urls", "css-urls", "onload", "xhtml-script",
			"image-href", "animated-href", "foreign-object-iframe", "external-use", "filter-image");

	private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" "
			+ "xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"40\" height=\"40\"";

	/** Long enough for a beacon's fetch, and for animations that begin at 0s to set their values. */
	private static final Duration SETTLE = Duration.ofMillis(600);

	@TempDir
	Path site;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private HttpServer server;

	private Chromium chromium;

	@BeforeAll
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::serve);
		this.server.start();
		this.chromium = Chromium.shared();
	}

	@BeforeEach
	void browserIsInstalled() {
		this.chromium.assumeInstalled();
		this.requests.clear();
	}

	@AfterAll
	void stop() {
		this.server.stop(0);
	}

	@Test
	@Order(1)
	@Execution(ExecutionMode.SAME_THREAD)
	void noRebuiltDrawingRunsOrLoadsAnythingWhenOpened() throws Exception {
		List<String> served = new ArrayList<>();
		Map<String, Object> ran = new LinkedHashMap<>();
		for (Map.Entry<String, byte[]> hostile : hostile().entrySet()) {
			String name = hostile.getKey() + ".svg";
			byte[] rebuilt = Drawing.svg("images/" + name, hostile.getValue()).variants().get(0).bytes();
			Files.write(this.site.resolve(name), rebuilt);
			served.add("/" + name);
			open(name);
			Thread.sleep(SETTLE.toMillis());
			Object mark = this.chromium.driver().executeScript("return document.documentElement.getAttribute('data-ran')");
			if (mark != null) {
				ran.put(name, mark);
			}
		}
		this.chromium.driver().get("about:blank");
		assertThat(served).hasSize(HOSTILE.size());
		assertThat(ran).as("drawings whose script ran").isEmpty();
		assertThat(this.requests).as("requests the server saw").containsExactlyElementsOf(served);
	}

	/** Proves the harness: a drawing served as its editor saved it runs, and its beacon is called. */
	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileNames")
	@Order(2)
	@Execution(ExecutionMode.SAME_THREAD)
	void theSameDrawingUnsanitisedRunsOrLoads(String hostile) throws Exception {
		Files.write(this.site.resolve(hostile + ".svg"), hostile().get(hostile));
		open(hostile + ".svg");
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (beacons(hostile).isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		this.chromium.driver().get("about:blank");
		assertThat(beacons(hostile)).as("beacons called by " + hostile).isNotEmpty();
	}

	static Stream<String> hostileNames() {
		return HOSTILE.stream();
	}

	private void open(String name) {
		this.chromium.driver().get("http://127.0.0.1:" + this.server.getAddress().getPort() + "/" + name);
	}

	/** The beacons that a drawing called: each of its links and scripts names a beacon after it. */
	private List<String> beacons(String hostile) {
		return this.requests.stream().filter((path) -> path.startsWith("/beacon-" + hostile)).toList();
	}

	/** Each drawing by name; every script and link in it calls {@code /beacon-<name>...} on the test's server. */
	private Map<String, byte[]> hostile() {
		String beacon = "http://127.0.0.1:" + this.server.getAddress().getPort() + "/beacon-";
		Map<String, byte[]> drawings = new LinkedHashMap<>();
		add(drawings, "entity-script", "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x \"<script>" + run("entity-script")
				+ "</script>\">]>" + SVG + ">&x;<rect width=\"9\" height=\"9\"/></svg>", StandardCharsets.UTF_8);
		add(drawings, "utf-16-script", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + SVG + "><script>"
				+ run("utf-16-script") + "</script><rect width=\"9\" height=\"9\"/></svg>", StandardCharsets.UTF_16);
		add(drawings, "iso-8859-1-script", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + SVG + "><title>Café</title>"
				+ "<script>" + run("iso-8859-1-script") + "</script></svg>", StandardCharsets.ISO_8859_1);
		add(drawings, "stylesheet-instruction", "<?xml-stylesheet href=\"" + beacon + "stylesheet-instruction.css\" "
				+ "type=\"text/css\"?>" + SVG + "><rect width=\"9\" height=\"9\"/></svg>", StandardCharsets.UTF_8);
		add(drawings, "escaped-import", SVG + "><style>@\\import url(" + beacon + "escaped-import.css);</style>"
				+ "<rect width=\"9\" height=\"9\"/></svg>", StandardCharsets.UTF_8);
		StringBuilder presentation = new StringBuilder(SVG + ">");
		for (String attribute : List.of("fill", "stroke", "filter", "clip-path", "mask", "marker-end")) {
			presentation.append("<path d=\"M0 0h9v9z\" ").append(attribute).append("=\"url(").append(beacon)
				.append("presentation-urls-").append(attribute).append(".svg#a)\"/>");
		}
		add(drawings, "presentation-urls", presentation + "</svg>", StandardCharsets.UTF_8);
		add(drawings, "css-urls", SVG + "><style>rect { fill: url(" + beacon + "css-urls-fill.svg#p) } circle { mask: url("
				+ beacon + "css-urls-mask.svg#m) }</style><rect width=\"9\" height=\"9\"/><circle r=\"4\"/>"
				+ "<path d=\"M0 0h9v9z\" style=\"filter: url(" + beacon + "css-urls-filter.svg#f); fill: u\\72l(" + beacon
				+ "css-urls-escaped.svg#p)\"/></svg>", StandardCharsets.UTF_8);
		add(drawings, "onload", SVG + " onload=\"" + run("onload") + "\"><rect width=\"9\" height=\"9\"/></svg>",
				StandardCharsets.UTF_8);
		add(drawings, "xhtml-script", SVG + "><script xmlns=\"http://www.w3.org/1999/xhtml\">" + run("xhtml-script")
				+ "</script></svg>", StandardCharsets.UTF_8);
		add(drawings, "image-href", SVG + "><image width=\"9\" height=\"9\" href=\"" + beacon + "image-href.png\"/>"
				+ "<image width=\"9\" height=\"9\" xlink:href=\"" + beacon + "image-href-xlink.png\"/></svg>",
				StandardCharsets.UTF_8);
		add(drawings, "animated-href", SVG + "><image width=\"9\" height=\"9\"><set attributeName=\"href\" to=\"" + beacon
				+ "animated-href-set.png\"/></image><image width=\"9\" height=\"9\"><animate attributeName=\"href\" values=\""
				+ beacon + "animated-href-animate.png\" dur=\"1s\"/></image></svg>", StandardCharsets.UTF_8);
		add(drawings, "foreign-object-iframe", SVG + "><foreignObject width=\"40\" height=\"40\"><iframe "
				+ "xmlns=\"http://www.w3.org/1999/xhtml\" src=\"" + beacon + "foreign-object-iframe\"/></foreignObject></svg>",
				StandardCharsets.UTF_8);
		add(drawings, "external-use", SVG + "><use href=\"" + beacon + "external-use.svg#x\"/></svg>", StandardCharsets.UTF_8);
		add(drawings, "filter-image", SVG + "><filter id=\"f\"><feImage href=\"" + beacon + "filter-image.png\"/></filter>"
				+ "<rect width=\"9\" height=\"9\" filter=\"url(#f)\"/></svg>", StandardCharsets.UTF_8);
		return drawings;
	}

	private static void add(Map<String, byte[]> drawings, String name, String text, Charset charset) {
		drawings.put(name, text.getBytes(charset));
	}

	/** What a script in a drawing does to show that it ran: marks the document and calls its beacon. */
	private static String run(String name) {
		return "document.documentElement.setAttribute('data-ran', '" + name + "'); fetch('/beacon-" + name + "')";
	}

	/** A static host: the file if there is one, as image/svg+xml, with no Content-Security-Policy. */
	private void serve(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		if (!path.equals("/favicon.ico")) {
			// the browser's own request for the site's icon, not the drawing's
			this.requests.add(path);
		}
		Path file = this.site.resolve(path.substring(1)).normalize();
		try (OutputStream body = exchange.getResponseBody()) {
			if (file.getParent() != null && file.getParent().equals(this.site) && Files.isRegularFile(file)) {
				byte[] bytes = Files.readAllBytes(file);
				exchange.getResponseHeaders().set("Content-Type", "image/svg+xml");
				exchange.sendResponseHeaders(200, bytes.length);
				body.write(bytes);
			}
			else {
				exchange.sendResponseHeaders(404, -1);
			}
		}
		finally {
			exchange.close();
		}
	}

}
