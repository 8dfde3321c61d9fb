package io.orderflow.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The machine's own headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}), driven by Selenium through the given chromedriver: Selenium
 * Manager never runs, so nothing is downloaded. Quits the browser and stops the driver on
 * close, also after a failure.
 */
final class HeadlessChromium implements AutoCloseable {

	static final Path BROWSER = Path.of(System.getProperty("orderflow.chromium", "/usr/bin/chromium"));

	static final Path DRIVER = Path.of(System.getProperty("orderflow.chromedriver", "/usr/bin/chromedriver"));

	private final ChromeDriverService service;

	private final ChromeDriver driver;

	private final Path profile;

	private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, Path profile) {
		this.service = service;
		this.driver = driver;
		this.profile = profile;
	}

	/** Why the browser cannot run here, if it cannot. */
	static Optional<String> missing() {
		if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
			return Optional.of("Chromium is not installed (" + BROWSER + ", " + DRIVER + "); on Debian or Ubuntu: "
					+ "apt-get install chromium chromium-driver. .ci/run installs it.");
		}
		return Optional.empty();
	}

	static HeadlessChromium start(Path logFile, int width, int height) {
		ChromeDriverService service = null;
		try {
			Files.createDirectories(logFile.getParent());
			Path profile = Files.createTempDirectory("orderflow-chromium-");
			service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
				.usingAnyFreePort()
				.withLogFile(logFile.toFile())
				.build();
			ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile())
				.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
						"--no-first-run", "--disable-extensions", "--user-data-dir=" + profile,
						"--window-size=" + width + "," + height, "--lang=en-US");
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
			return new HeadlessChromium(service, driver, profile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			if (service != null) {
				service.stop();
			}
			throw ex;
		}
	}

	WebDriver driver() {
		return driver;
	}

	void screenshot(Path file) {
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			driver.quit();
		}
		finally {
			service.stop();
			try (var files = Files.walk(profile)) {
				files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
			catch (IOException ex) {
				// a temporary profile; the OS cleans up the rest
			}
		}
	}

}
