package org.broadsheet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import org.springframework.util.FileSystemUtils;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium, headless, for the browser tests: started through Debian's chromedriver, both named
 * by path so that Selenium Manager never looks for (or downloads) anything. When they are missing, tests
 * are skipped with a message, except under {@code CI=true}, where they fail. One browser serves every
 * browser test class in the run, one class at a time ({@link #LOCK}), and quits when the run ends.
 */
public final class Chromium implements AutoCloseable {

	/** The resource lock that the classes using {@link #shared()} hold while they drive it. */
	public static final String LOCK = "chromium";

	private static Chromium shared;

	public static final Path BINARY = Path.of("/usr/bin/chromium");

	public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private final ChromeDriver driver;

	private final Path profile;

	private final String skipReason;

	private Chromium(ChromeDriver driver, Path profile, String skipReason) {
		this.driver = driver;
		this.profile = profile;
		this.skipReason = skipReason;
	}

	/**
	 * The run's browser, started the first time it is asked for; its console log is kept, and it quits
	 * when the JVM exits. Classes that use it hold {@code @ResourceLock(Chromium.LOCK)}.
	 */
	public static synchronized Chromium shared() throws IOException {
		if (shared == null) {
			shared = start();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
		}
		return shared;
	}

	/** Starts a browser, with a profile of its own in a new temporary folder. */
	private static Chromium start() throws IOException {
		List<String> missing = Stream.of(BINARY, DRIVER)
			.filter((path) -> !Files.isExecutable(path))
			.map(Path::toString)
			.toList();
		if (!missing.isEmpty()) {
			String message = "Browser tests need Debian's chromium and chromium-driver, but " + missing
					+ " is missing (apt-get install chromium chromium-driver)";
			if ("true".equals(System.getenv("CI"))) {
				fail(message + ". CI=true, so this fails instead of skipping.");
			}
			// skipped per test, not here: Surefire counts an aborted @BeforeAll as no tests at all
			String skipReason = message + "; skipping the browser tests.";
			System.err.println(skipReason);
			return new Chromium(null, null, skipReason);
		}
		System.setProperty("SE_AVOID_STATS", "true");
		Path profile = Files.createTempDirectory("broadsheet-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BINARY.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + profile);
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new Chromium(new ChromeDriver(service, options), profile, null);
	}

	/** Skips the calling test when there is no browser; call from {@code @BeforeEach}. */
	public void assumeInstalled() {
		assumeTrue(this.skipReason == null, this.skipReason);
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	/** Quits the browser and deletes its profile. */
	@Override
	public void close() {
		if (this.driver != null) {
			this.driver.quit();
		}
		if (this.profile != null) {
			FileSystemUtils.deleteRecursively(this.profile.toFile());
		}
	}

}
