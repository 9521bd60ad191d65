package com.penguinmails.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian ({@code /usr/bin/chromium} with
 * {@code /usr/bin/chromedriver}), never a downloaded browser. Where it is missing the
 * browser tests are skipped, unless {@code PENGUINMAILS_REQUIRE_BROWSER=true} (as in CI),
 * where they fail.
 */
public final class Browser {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private Browser() {
	}

	/**
	 * The browser of one test: the JVM's one headless Chromium, started at the first call
	 * (about 2-3 s) and reset by {@link ChromeDriver#quit()} (cookies, storage, viewport,
	 * window size, timeouts, open windows and dialogs) instead of stopped, so the next
	 * test starts from a blank page without paying for a new browser. A second browser
	 * asked for while the shared one is in use is a fresh one of its own, stopped by its
	 * quit. A shared browser whose reset fails is stopped and replaced at the next call.
	 * @return a browser at {@code about:blank}, 1280 by 1000 px, no cookies
	 */
	public static synchronized ChromeDriver start() throws IOException {
		boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!present && "true".equals(System.getenv("PENGUINMAILS_REQUIRE_BROWSER"))) {
			throw new IllegalStateException("Browser tests need /usr/bin/chromium and /usr/bin/chromedriver "
					+ "(apt-get install chromium chromium-driver)");
		}
		Assumptions.assumeTrue(present,
				"Skipped: /usr/bin/chromium or /usr/bin/chromedriver missing (apt-get install chromium chromium-driver)");
		if (shared != null && shared.inUse) {
			return launch(false);
		}
		if (shared == null) {
			shared = (Shared) launch(true);
			Runtime.getRuntime().addShutdownHook(new Thread(Browser::stopShared, "chromium-shutdown"));
		}
		shared.inUse = true;
		return shared;
	}

	private static Shared shared;

	private static ChromeDriver launch(boolean share) throws IOException {
		Path profile = Files.createTempDirectory("penguinmails-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-quic", "--window-size=1280,1000", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = share ? new Shared(service, options) : new ChromeDriver(service, options);
		driver.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
		return driver;
	}

	private static final Duration IMPLICIT_WAIT = Duration.ofSeconds(5);

	/**
	 * The elements matching {@code by} as the page is now, without the implicit wait: for
	 * checking that something is absent, which {@code findElements} would take 5 s to
	 * conclude.
	 */
	public static java.util.List<org.openqa.selenium.WebElement> present(ChromeDriver driver,
			org.openqa.selenium.By by) {
		driver.manage().timeouts().implicitlyWait(Duration.ZERO);
		try {
			return driver.findElements(by);
		}
		finally {
			driver.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
		}
	}

	/**
	 * Waits for {@code old} to leave the page (htmx swapped it, the page reloaded): like
	 * Selenium's {@code stalenessOf}, but chromedriver sometimes answers a detached
	 * element with "Node with given id does not belong to the document" instead of a
	 * stale-element error, which {@code stalenessOf} lets through as a failure.
	 */
	public static org.openqa.selenium.support.ui.ExpectedCondition<Boolean> replaced(
			org.openqa.selenium.WebElement old) {
		return driver -> {
			try {
				old.isEnabled();
				return false;
			}
			catch (org.openqa.selenium.StaleElementReferenceException ex) {
				return true;
			}
			catch (org.openqa.selenium.WebDriverException ex) {
				if (String.valueOf(ex.getMessage()).contains("does not belong to the document")) {
					return true;
				}
				throw ex;
			}
		};
	}

	private static synchronized void stopShared() {
		if (shared != null) {
			Shared stopping = shared;
			shared = null;
			stopping.stop();
		}
	}

	/** The JVM's one Chromium: {@link #quit()} resets it for the next test. */
	private static final class Shared extends ChromeDriver {

		volatile boolean inUse;

		Shared(ChromeDriverService service, ChromeOptions options) {
			super(service, options);
		}

		@Override
		public void quit() {
			try {
				reset();
				inUse = false;
			}
			catch (RuntimeException ex) {
				System.out.println("The shared browser could not be reset, a new one starts: " + ex);
				stopShared();
			}
		}

		void stop() {
			try {
				super.quit();
			}
			catch (RuntimeException ex) {
				// already gone
			}
		}

		private void reset() {
			try {
				switchTo().alert().dismiss();
			}
			catch (org.openqa.selenium.NoAlertPresentException ex) {
				// none open
			}
			java.util.List<String> windows = new java.util.ArrayList<>(getWindowHandles());
			for (String window : windows.subList(1, windows.size())) {
				switchTo().window(window).close();
			}
			switchTo().window(windows.get(0));
			executeScript("try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}");
			executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
			executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
			manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
			manage().timeouts().pageLoadTimeout(Duration.ofMinutes(5));
			manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
			get("about:blank");
			manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
		}

	}

	/**
	 * Whether screenshots are kept: yes, unless {@code PENGUINMAILS_SCREENSHOTS=false}
	 * (CI, where nobody looks at them and the 300-odd shots cost over a minute).
	 */
	public static final boolean SCREENSHOTS = !"false".equals(System.getenv("PENGUINMAILS_SCREENSHOTS"));

	/**
	 * Saves what the page looked like (PNG, and its HTML beside it) under
	 * {@code target/screenshots}, for people to look at and for a failed test; nothing
	 * when {@link #SCREENSHOTS} is off.
	 * @return the PNG file, or null when none was written
	 */
	public static Path screenshot(ChromeDriver driver, String name) {
		if (!SCREENSHOTS) {
			return null;
		}
		try {
			Path dir = Path.of("target", "screenshots");
			Files.createDirectories(dir);
			Path file = dir.resolve(name + ".png");
			Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
			Files.writeString(dir.resolve(name + ".html"), driver.getPageSource());
			return file;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/** A phone's viewport: 390 CSS pixels wide, 844 high, as a mobile device. */
	public static void phone(ChromeDriver driver) {
		driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				java.util.Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
	}

	/**
	 * Fails when the page scrolls sideways (the document wider than the window); prints
	 * the first elements that stick out, to name the cause.
	 */
	public static void assertNoSidewaysScroll(ChromeDriver driver) {
		Object wide = driver.executeScript(
				"""
						return [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right >
						    document.documentElement.clientWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id);""");
		System.out.println("Wider than the window: " + wide);
		java.util.List<?> both = (java.util.List<?>) driver
			.executeScript("return [document.documentElement.scrollWidth, document.documentElement.clientWidth];");
		org.assertj.core.api.Assertions.assertThat(((Number) both.get(0)).longValue())
			.as("document width")
			.isLessThanOrEqualTo(((Number) both.get(1)).longValue());
	}

	/**
	 * Fails when a table of the page scrolls inside its box (wider than its
	 * {@code .table-scroll}) or a {@code phone-cards} table is not shown as cards (one
	 * labelled line per cell): on a phone, tables are read without scrolling sideways.
	 * @param tableIds the ids of the tables to check; each must be on the page
	 */
	public static void assertTablesFit(ChromeDriver driver, String... tableIds) {
		for (String id : tableIds) {
			// app.js labels the cells once the page has run its scripts: a busy machine
			// may
			// answer before that; wait for a labelled cell (up to 5 s), then check.
			try {
				new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(5))
					.until(d -> Boolean.TRUE.equals(driver.executeScript("""
							const t = document.getElementById(arguments[0]);
							return t != null && (!t.classList.contains('phone-cards')
							    || t.querySelector('tbody td[data-label]:not([data-label=""])') != null
							    || t.querySelector('tbody td') == null);""", id)));
			}
			catch (org.openqa.selenium.TimeoutException ex) {
				// the assertions below say what is wrong
			}
			java.util.List<?> sizes = (java.util.List<?>) driver.executeScript("""
					const t = document.getElementById(arguments[0]);
					const box = t.closest('.table-scroll') || t.parentElement;
					const cell = t.querySelector('tbody td[data-label]:not([data-label=""])');
					return [box.scrollWidth, box.clientWidth, getComputedStyle(t).display,
					    cell == null ? '' : getComputedStyle(cell, '::before').content];""", id);
			org.assertj.core.api.Assertions.assertThat(((Number) sizes.get(0)).longValue())
				.as("width of table %s's box", id)
				.isLessThanOrEqualTo(((Number) sizes.get(1)).longValue() + 1);
			org.assertj.core.api.Assertions.assertThat(sizes.get(2)).as("display of table %s", id).isEqualTo("block");
			org.assertj.core.api.Assertions.assertThat((String) sizes.get(3))
				.as("a cell of table %s labelled with its column", id)
				.isNotBlank()
				.isNotEqualTo("none");
		}
	}

	/**
	 * Logs in through the login page with the test password ({@code Fixtures.PASSWORD})
	 * and waits for the home page {@code base + "/"}.
	 */
	public static void logIn(ChromeDriver driver, String base, String email) {
		driver.get(base + "/login");
		driver.findElement(org.openqa.selenium.By.id("email")).sendKeys(email);
		driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(Fixtures.PASSWORD);
		driver.findElement(org.openqa.selenium.By.xpath("//button[text()='Log in']")).click();
		new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(20))
			.until(org.openqa.selenium.support.ui.ExpectedConditions.urlToBe(base + "/"));
	}

}
