package org.broadsheet.edition;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.broadsheet.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * An article with a correction and an update, printed and served as the server sends it, in Chromium:
 * the dateline opens without script, the notes read in light and dark, on a phone and a desktop, with
 * no accessibility violation, and on paper the first publication is there too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// beside the other classes, as it mostly waits on the browser; its own tests one after another
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Chromium.LOCK)
class CorrectionsBrowserTests {

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	/** The noted article, with a history of three versions. */
	private final Edition edition = TestPress.withHistory();

	private HttpServer server;

	private Chromium chromium;

	@BeforeAll
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::serve);
		this.server.start();
		this.chromium = Chromium.shared();
		Files.createDirectories(SCREENSHOTS);
	}

	@BeforeEach
	void browserIsInstalled() {
		this.chromium.assumeInstalled();
	}

	@AfterAll
	void stop() {
		this.server.stop(0);
	}

	/** The edition's bytes at their paths, as the server hands them out. */
	private void serve(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		Page page = path.equals("/") ? this.edition.page() : this.edition.views().get(path);
		if (page == null) {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
			return;
		}
		exchange.getResponseHeaders().set("Content-Type", page.contentType());
		exchange.sendResponseHeaders(200, page.bytes().length);
		try (OutputStream body = exchange.getResponseBody()) {
			body.write(page.bytes());
		}
	}

	@Execution(ExecutionMode.SAME_THREAD)
	@ParameterizedTest(name = "{0} px, {1}")
	@CsvSource({ "375, light", "1280, light", "375, dark", "1280, dark" })
	void theDatelineOpensWithoutScriptAndTheNotesReadWellWithNoViolations(int width, String scheme) throws IOException {
		ChromeDriver driver = open(width, scheme.equals("dark"));
		WebElement details = driver.findElement(By.cssSelector("details.dateline"));
		WebElement first = details.findElement(By.cssSelector("summary + p"));
		assertThat(first.isDisplayed()).as("closed at first").isFalse();
		details.findElement(By.tagName("summary")).click();
		assertThat(first.isDisplayed()).as("opened by a click, with no script").isTrue();
		assertThat(first.getText()).startsWith("First published 21 May 2014, 09:30 UTC+1");
		long scrollWidth = (Long) driver.executeScript("return document.documentElement.scrollWidth");
		assertThat(scrollWidth).as("no sideways scrolling").isLessThanOrEqualTo(width);
		screenshot(driver, "corrections-" + width + "-" + scheme + "-top.png");
		driver.executeScript("document.getElementById('corrections-and-updates').scrollIntoView()");
		screenshot(driver, "corrections-" + width + "-" + scheme + "-notes.png");
		List<Rule> violations = new AxeBuilder().analyze(driver).getViolations();
		if (!violations.isEmpty()) {
			fail("axe found " + violations.size() + " violation(s) at " + width + " px, " + scheme + ":\n"
					+ violations.stream().map((rule) -> "- " + rule.getId() + ": " + rule.getHelp() + " "
							+ rule.getNodes().stream().map((node) -> String.valueOf(node.getTarget())).toList())
						.collect(Collectors.joining("\n")));
		}
	}

	@Execution(ExecutionMode.SAME_THREAD)
	@ParameterizedTest(name = "{0} at {1} px, {2}")
	@CsvSource({ "/history/, 375, light", "/history/2/, 1280, dark" })
	void theHistoryAndAnEarlierVersionReadWellWithNoViolations(String path, int width, String scheme) throws IOException {
		ChromeDriver driver = open(width, scheme.equals("dark"));
		driver.get("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
		long scrollWidth = (Long) driver.executeScript("return document.documentElement.scrollWidth");
		assertThat(scrollWidth).as("no sideways scrolling").isLessThanOrEqualTo(width);
		if (path.equals("/history/2/")) {
			WebElement del = driver.findElement(By.cssSelector(".changes del"));
			assertThat(del.getText()).isEqualTo("2011");
			assertThat(driver.executeScript("return getComputedStyle(arguments[0], '::before').content", del))
				.as("announced to screen readers").isEqualTo("\" [deletion start] \"");
			assertThat(del.getCssValue("text-decoration-line")).isEqualTo("line-through");
		}
		screenshot(driver, "history" + path.replace('/', '-') + width + "-" + scheme + ".png");
		List<Rule> violations = new AxeBuilder().analyze(driver).getViolations();
		assertThat(violations).as(() -> violations.stream().map((rule) -> rule.getId() + ": " + rule.getHelp())
			.collect(Collectors.joining("; "))).isEmpty();
	}

	@Execution(ExecutionMode.SAME_THREAD)
	@Test
	void onPaperTheFirstPublicationAndEveryNoteArePrinted() throws IOException {
		ChromeDriver driver = open(1280, false);
		Map<String, Object> pdf = driver.executeCdpCommand("Page.printToPDF", Map.of("paperWidth", 8.27,
				"paperHeight", 11.69));
		byte[] bytes = Base64.getDecoder().decode((String) pdf.get("data"));
		Files.write(SCREENSHOTS.resolve("corrections.pdf"), bytes);
		try (PDDocument document = Loader.loadPDF(bytes)) {
			String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
			assertThat(text).contains("Last changed 23 May 2014, 08:00 UTC+1")
				.contains("First published 21 May 2014, 09:30 UTC+1")
				.contains("Corrections and updates")
				.contains("UPDATE 23 May 2014, 08:00 UTC+1 Adds a photograph of an Internet palace.")
				.contains("CORRECTION 22 May 2014, 14:05 UTC+1 An earlier version of this article");
		}
	}

	private ChromeDriver open(int width, boolean dark) {
		ChromeDriver driver = this.chromium.driver();
		driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", false));
		driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
				List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
		driver.get("http://127.0.0.1:" + this.server.getAddress().getPort() + "/");
		return driver;
	}

	private static void screenshot(ChromeDriver driver, String name) throws IOException {
		Files.write(SCREENSHOTS.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
	}

}
