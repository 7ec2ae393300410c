package org.broadsheet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.broadsheet.edition.LivePreview;
import org.broadsheet.edition.ResponseHeaders;
import org.broadsheet.edition.TestPress;
import org.broadsheet.publishing.Publication;
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
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;


import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The editor's loop in Chromium, as {@code mvn spring-boot:run} runs it: the article previewed from a
 * copy of content/, open in the browser while its file is saved. Each save shows in the open page
 * without a reload, the reader keeps their place, a broken save shows the log's sentence over the last
 * good page and goes when mended; the one script runs under a policy that allows it alone.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// beside the other classes, as it mostly waits on the browser; its own tests one after another
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Chromium.LOCK)
class LivePreviewBrowserTests {

	static final Path ARTICLE = copyOfTheArticle();

	static final Duration PATIENCE = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	@Autowired
	Publication publication;

	Chromium chromium;

	ChromeDriver driver;

	@DynamicPropertySource
	static void previewTheCopy(DynamicPropertyRegistry registry) {
		registry.add("broadsheet.article", ARTICLE::toString);
		registry.add("broadsheet.preview", () -> "true");
		registry.add("broadsheet.photo-cache", () -> "");
	}

	static Path copyOfTheArticle() {
		try {
			return TestPress.copyOfContent(Files.createTempDirectory("broadsheet-live-preview"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@BeforeAll
	void startBrowser() throws IOException {
		this.chromium = Chromium.shared();
		this.driver = this.chromium.driver();
	}

	@BeforeEach
	void browserIsInstalled() {
		this.chromium.assumeInstalled();
	}

	@Test
	@Order(1)
	@Execution(ExecutionMode.SAME_THREAD)
	void aSaveShowsInTheOpenPageWithoutAReloadAndTheReaderKeepsTheirPlace() throws Exception {
		open();
		// read halfway down, then the editor adds a sentence well above
		WebElement reading = paragraph("The country already has a tradition of engineering");
		this.driver.executeScript("arguments[0].scrollIntoView(); window.scrollBy(0, -120); window.sameDocument = true;", reading);
		double before = top(reading);
		edit("It is no secret that North Korea’s society", "An editor's sentence, added above where the reader is, long enough to take "
				+ "a line or two of its own on the page. It is no secret that North Korea’s society");

		long saved = System.nanoTime();
		waitFor("the edit", () -> this.driver.getPageSource().contains("An editor's sentence"));
		System.out.println("The save showed in the open page " + Duration.ofNanos(System.nanoTime() - saved).toMillis()
				+ " ms after it was written");
		assertThat(this.driver.executeScript("return window.sameDocument")).as("no reload, no navigation").isEqualTo(true);
		double after = top(paragraph("The country already has a tradition of engineering"));
		assertThat(after).as("the paragraph the reader was at stays where it was").isCloseTo(before,
				org.assertj.core.data.Offset.offset(2.0));
		assertThat(consoleErrors()).as("nothing refused by the policy, nothing failed").isEmpty();
	}

	@Test
	@Order(2)
	@Execution(ExecutionMode.SAME_THREAD)
	void aBrokenSaveShowsTheLogsSentenceOverTheLastGoodPageAndGoesWhenMended() throws Exception {
		open();
		this.driver.executeScript("window.sameDocument = true;");
		edit("lang: en", "lang: [en");

		waitFor("the error", () -> !this.driver.findElements(By.id("broadsheet-broken")).isEmpty());
		WebElement broken = this.driver.findElement(By.id("broadsheet-broken"));
		assertThat(broken.getAttribute("role")).isEqualTo("alert");
		assertThat(broken.getText()).contains("Your last save cannot be published. This is the last good version.")
			.contains(ARTICLE + ", line 4:");
		assertThat(broken.isDisplayed()).isTrue();
		assertThat(this.driver.findElement(By.cssSelector("h1")).getText())
			.as("the last good page, still there").isEqualTo("North Korea: Increased Cell Phone Usage Signals Change");
		for (String scheme : List.of("light", "dark")) {
			this.driver.executeCdpCommand("Emulation.setEmulatedMedia",
					Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
			assertThat(new AxeBuilder().analyze(this.driver).getViolations()).as("axe, " + scheme)
				.extracting(Rule::getId).isEmpty();
			Files.createDirectories(Path.of("target/screenshots"));
			Files.write(Path.of("target/screenshots/preview-broken-" + scheme + ".png"),
					this.driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
		}

		edit("lang: [en", "lang: en");
		waitFor("the error to go", () -> this.driver.findElements(By.id("broadsheet-broken")).isEmpty());
		assertThat(this.driver.executeScript("return window.sameDocument")).isEqualTo(true);
		assertThat(consoleErrors()).isEmpty();
	}

	@Test
	@Order(3)
	@Execution(ExecutionMode.SAME_THREAD)
	void aBrowserOpenedWhileTheSaveIsBrokenIsToldAtOnce() throws Exception {
		edit("lang: en", "lang: [en");
		waitFor("the save to be refused", () -> this.publication.live().broken() != null);
		open();
		waitFor("the error", () -> !this.driver.findElements(By.id("broadsheet-broken")).isEmpty());
		edit("lang: [en", "lang: en");
		waitFor("the error to go", () -> this.driver.findElements(By.id("broadsheet-broken")).isEmpty());
	}

	@Test
	@Order(4)
	void thePreviewsPolicyAllowsItsOneScriptByItsHashAndNothingElse() throws Exception {
		HttpResponse<String> page = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/")).build(),
					HttpResponse.BodyHandlers.ofString());
		String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
		assertThat(policy).isEqualTo(ResponseHeaders.CONTENT_SECURITY_POLICY + "; script-src 'sha256-"
				+ java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
					.digest(LivePreview.SCRIPT.getBytes(java.nio.charset.StandardCharsets.UTF_8))) + "'");
		assertThat(policy).doesNotContain("unsafe", "*", "http:");
		assertThat(page.body()).contains("<script>" + LivePreview.SCRIPT + "</script>");
	}

	private void open() {
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
		this.driver.executeCdpCommand("Emulation.setEmulatedMedia",
				Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
		this.driver.manage().logs().get(LogType.BROWSER);
		this.driver.get("http://localhost:" + this.port + "/");
		// the page's script has connected once it has been told the edition
		waitFor("the events to connect", () -> "following".equals(this.driver.executeScript(
				"return document.documentElement.getAttribute('data-live')")));
	}

	private WebElement paragraph(String text) {
		return this.driver.findElement(By.xpath("//main//p[contains(., \"" + text + "\")]"));
	}

	private double top(WebElement element) {
		return ((Number) this.driver.executeScript("return arguments[0].getBoundingClientRect().top", element)).doubleValue();
	}

	private static void edit(String from, String to) throws IOException {
		String text = Files.readString(ARTICLE);
		assertThat(text).contains(from);
		Files.writeString(ARTICLE, text.replace(from, to));
	}

	private void waitFor(String what, java.util.function.BooleanSupplier condition) {
		new WebDriverWait(this.driver, PATIENCE).withMessage(what).until((driver) -> condition.getAsBoolean());
	}

	private List<String> consoleErrors() {
		return this.driver.manage().logs().get(LogType.BROWSER).getAll().stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.WARNING.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

}
