package org.broadsheet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Drives Debian's Chromium against the running app: layout at phone and desktop widths,
 * accessibility in light and dark mode, images and the console. The browser and driver are named
 * by path so that Selenium Manager never looks for (or downloads) anything.
 */
@FullApplication
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// beside the other classes, as it mostly waits on the browser; its own tests one after another
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Chromium.LOCK)
class ArticleBrowserTests {

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final int PHONE = 375;

	private static final int DESKTOP = 1280;

	@LocalServerPort
	private int port;

	private Chromium chromium;

	private ChromeDriver driver;

	@BeforeAll
	void startBrowser() throws IOException {
		this.chromium = Chromium.shared();
		this.driver = this.chromium.driver();
		Files.createDirectories(SCREENSHOTS);
	}

	@BeforeEach
	void browserIsInstalled() {
		this.chromium.assumeInstalled();
	}

	@Execution(ExecutionMode.SAME_THREAD)
	@ParameterizedTest(name = "{0} px wide")
	@ValueSource(ints = { PHONE, DESKTOP })
	void articleFitsTheWidthAndHasNoAccessibilityViolations(int width) throws IOException {
		open("/", width, false);
		assertThat(this.driver.executeScript("return window.innerWidth")).isEqualTo((long) width);
		long scrollWidth = (Long) this.driver.executeScript("return document.documentElement.scrollWidth");
		assertThat(scrollWidth).as("page scrolls sideways at %d px: scrollWidth %d", width, scrollWidth)
			.isLessThanOrEqualTo(width);
		screenshot("article-" + width + ".png");
		assertNoAccessibilityViolations("article at " + width + " px");
	}

	@Execution(ExecutionMode.SAME_THREAD)
	@Test
	void articleInDarkModeHasNoAccessibilityViolations() throws IOException {
		open("/", DESKTOP, true);
		assertThat(this.driver.executeScript("return matchMedia('(prefers-color-scheme: dark)').matches"))
			.as("dark mode is emulated")
			.isEqualTo(true);
		screenshot("article-dark.png");
		assertNoAccessibilityViolations("article in dark mode");
	}

	@Execution(ExecutionMode.SAME_THREAD)
	@Test
	void notFoundPageHasNoAccessibilityViolations() throws IOException {
		open("/does-not-exist", PHONE, false);
		assertThat(this.driver.getTitle()).startsWith("Page not found");
		screenshot("not-found-375.png");
		assertNoAccessibilityViolations("404 page");
	}

	@Execution(ExecutionMode.SAME_THREAD)
	@Test
	void everyImageLoadsAndTheConsoleStaysClean() {
		open("/", DESKTOP, false);
		List<WebElement> images = this.driver.findElements(By.tagName("img"));
		assertThat(images).as("images on the article").isNotEmpty();
		WebDriverWait wait = new WebDriverWait(this.driver, Duration.ofSeconds(10));
		List<String> broken = new ArrayList<>();
		for (WebElement image : images) {
			this.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", image);
			wait.until((d) -> Boolean.TRUE.equals(this.driver.executeScript("return arguments[0].complete", image)));
			long naturalWidth = (Long) this.driver.executeScript("return arguments[0].naturalWidth", image);
			if (naturalWidth <= 0) {
				broken.add(image.getAttribute("src"));
			}
		}
		assertThat(broken).as("images that did not load").isEmpty();
		List<String> errors = this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
		assertThat(errors).as("browser console errors").isEmpty();
	}

	/**
	 * A phone (375 px, twice as many device pixels) opening the article picks, from the lead photo's
	 * widths, the WebP that covers its 335 px at 2x, and loads no more than 300 KB in all.
	 */
	@Execution(ExecutionMode.SAME_THREAD)
	@Test
	void aPhoneFetchesTheWebpItsScreenNeedsAndLittleElse() {
		this.driver.executeCdpCommand("Network.enable", Map.of());
		this.driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", PHONE, "height", 812, "deviceScaleFactor", 2, "mobile", true));
		this.driver.get("http://localhost:" + this.port + "/");
		WebElement lead = this.driver.findElement(By.cssSelector("figure.feature img"));
		new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.until((d) -> Boolean.TRUE.equals(this.driver.executeScript("return arguments[0].complete", lead)));
		String current = (String) this.driver.executeScript("return arguments[0].currentSrc", lead);
		assertThat(current).matches(".*/images/feature-800w-[0-9a-f]{20}\\.webp");
		assertThat((Long) this.driver.executeScript("return arguments[0].clientWidth", lead)).as("drawn at")
			.isEqualTo(PHONE - 40L);
		long bytes = (Long) this.driver.executeScript("""
				return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
				  .reduce((sum, entry) => sum + entry.transferSize, 0)""");
		assertThat(bytes).as("bytes a phone loads on opening the article").isPositive().isLessThan(300 * 1024);
		this.driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", false));
	}

	/**
	 * Chromium's print to PDF: the printed article starts with the publication's name and its address,
	 * as newspapers print theirs, and the credit's label stays off the paper as off the screen.
	 */
	@Execution(ExecutionMode.SAME_THREAD)
	@Test
	void aPrintedCopySaysWhereItCameFrom() throws IOException {
		open("/", DESKTOP, false);
		Map<String, Object> pdf = this.driver.executeCdpCommand("Page.printToPDF", Map.of("paperWidth", 8.27,
				"paperHeight", 11.69));
		byte[] bytes = Base64.getDecoder().decode((String) pdf.get("data"));
		Files.write(SCREENSHOTS.resolve("article.pdf"), bytes);
		try (PDDocument document = Loader.loadPDF(bytes)) {
			PDFTextStripper firstPage = new PDFTextStripper();
			firstPage.setEndPage(1);
			String top = firstPage.getText(document).strip();
			assertThat(top).startsWith("The Example Post").contains("https://news.example.org/");
			assertThat(top.indexOf("https://news.example.org/")).as("above the headline")
				.isLessThan(top.indexOf("North Korea: Increased"));
			assertThat(new PDFTextStripper().getText(document)).contains("The Guardian").doesNotContain("Photograph:");
		}
	}

	/** A credit's label is read aloud ("Photograph: The Guardian") but takes no room on the screen. */
	@Execution(ExecutionMode.SAME_THREAD)
	@Test
	void aCreditsLabelIsSpokenButNotShown() {
		open("/", DESKTOP, false);
		WebElement label = this.driver.findElement(By.cssSelector("figure.photo .credit .visually-hidden"));
		assertThat(label.getAttribute("textContent")).isEqualTo("Photograph: ");
		assertThat(label.getSize().getWidth()).isLessThanOrEqualTo(1);
		assertThat(label.getSize().getHeight()).isLessThanOrEqualTo(1);
		assertThat(label.getCssValue("clip-path")).isEqualTo("inset(50%)");
	}

	/** Loads a page in a fresh viewport and colour scheme, with the console log drained first. */
	private void open(String path, int width, boolean dark) {
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", (width == PHONE) ? 812 : 800, "deviceScaleFactor", 1, "mobile", false));
		this.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
				List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
		this.driver.manage().logs().get(LogType.BROWSER);
		this.driver.get("http://localhost:" + this.port + path);
	}

	private void assertNoAccessibilityViolations(String what) {
		List<Rule> violations = new AxeBuilder().analyze(this.driver).getViolations();
		if (!violations.isEmpty()) {
			fail("axe found " + violations.size() + " violation(s) on the " + what + ":\n" + describe(violations));
		}
	}

	private static String describe(List<Rule> violations) {
		return violations.stream().map((rule) -> {
			String nodes = rule.getNodes()
				.stream()
				.map(ArticleBrowserTests::describe)
				.collect(Collectors.joining("\n"));
			return "- " + rule.getId() + " [" + rule.getImpact() + "] " + rule.getHelp() + " (" + rule.getHelpUrl() + ")\n"
					+ nodes;
		}).collect(Collectors.joining("\n"));
	}

	private static String describe(CheckedNode node) {
		String summary = (node.getFailureSummary() != null) ? node.getFailureSummary().replace("\n", "\n      ") : "";
		return "    at " + node.getTarget() + ": " + node.getHtml() + "\n      " + summary;
	}

	private void screenshot(String name) throws IOException {
		Path file = SCREENSHOTS.resolve(name);
		Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
		assertThat(file).exists().isNotEmptyFile();
	}

}
