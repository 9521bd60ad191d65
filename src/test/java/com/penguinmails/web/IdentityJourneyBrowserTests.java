package com.penguinmails.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first journey of every user, in a real browser: sign up, confirm the email from the
 * sandbox, turn on 2FA, log out, log in with password and code, create an API key and use
 * it.
 */
@IntegrationTest
class IdentityJourneyBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	ChromeDriver browser;

	boolean passed;

	String testName;

	@BeforeEach
	void open(TestInfo info) throws Exception {
		testName = info.getTestMethod().map(m -> m.getName()).orElse("browser");
		browser = Browser.start();
	}

	@AfterEach
	void close() {
		if (browser != null) {
			if (!passed) {
				System.out.println("Screenshot of the failure: " + Browser.screenshot(browser, testName));
			}
			browser.quit();
		}
	}

	@Test
	void signUpVerifyEnable2faLogInAgainAndCallTheApiWithANewKey() throws Exception {
		String email = Fixtures.uniqueEmail("journey");
		String base = "http://localhost:" + port;

		browser.get(base + "/signup");
		browser.findElement(By.id("email")).sendKeys(email);
		browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
		browser.findElement(By.id("displayName")).sendKeys("Jo Journey");
		browser.findElement(By.id("workspaceName")).sendKeys("Journey Agency");
		browser.findElement(By.cssSelector("form.card button[type=submit]")).click();
		heading("Check your email");

		// The sandbox mailbox has the confirmation mail; its link confirms the address.
		browser.findElement(By.linkText("sandbox mailbox")).click();
		WebElement row = browser.findElement(By.xpath("//tr[td[contains(., '" + email + "')]]"));
		row.findElement(By.tagName("a")).click();
		// Its headers can be read, and the page does not scroll sideways on a phone.
		browser.findElement(By.cssSelector("#mail-headers summary")).click();
		assertThat(browser.findElement(By.id("mail-headers")).getText()).contains("Message-ID:");
		browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
		assertThat((Boolean) browser
			.executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;"))
			.isFalse();
		com.penguinmails.support.Browser.screenshot(browser, "sandbox-mail-headers-390");
		browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
		browser.findElement(By.partialLinkText("/verify-email?token=")).click();
		heading("Log in");
		assertThat(browser.getPageSource()).contains("Your email address is confirmed");

		logIn(email);
		heading("Journey Agency");

		browser.findElement(By.linkText("Security")).click();
		heading("Security");
		browser.findElement(By.linkText("Turn on two-factor authentication")).click();
		heading("Turn on two-factor authentication");
		assertThat(browser.findElement(By.cssSelector("img[alt^='QR code']")).getAttribute("src"))
			.startsWith("data:image/png;base64,");
		String secret = browser.findElement(By.id("totp-secret")).getText().trim();
		browser.findElement(By.id("code")).sendKeys(code(secret, 0));
		browser.findElement(By.xpath("//button[text()='Turn on']")).click();
		heading("Your backup codes");
		assertThat(browser.findElements(By.cssSelector("#backup-codes li"))).hasSize(10);
		browser.findElement(By.linkText("Done")).click();
		heading("Security");
		assertThat(browser.getPageSource()).contains("10</span> backup codes left");

		browser.findElement(By.xpath("//button[text()='Log out']")).click();
		heading("Log in");
		assertThat(browser.getPageSource()).contains("You are logged out");

		logIn(email);
		heading("Enter your code");
		// The code of the next 30-second step: the current one was spent on enrolment (no
		// replay).
		browser.findElement(By.id("code")).sendKeys(code(secret, 1));
		browser.findElement(By.xpath("//button[text()='Continue']")).click();
		heading("Journey Agency");

		browser.findElement(By.linkText("API keys")).click();
		heading("API keys");
		browser.findElement(By.id("keyName")).sendKeys("journey key");
		browser.findElement(By.cssSelector("input[value='workspace:read']")).click();
		browser.findElement(By.xpath("//button[text()='Create key']")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("api-key-secret")));
		String key = browser.findElement(By.id("api-key-secret")).getText().trim();
		assertThat(key).startsWith("pm_");

		HttpResponse<String> me = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/me"))
				.header("Authorization", "Bearer " + key)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains(email).contains("Journey Agency").contains("\"twoFactorEnabled\":true");
		passed = true;
	}

	@Test
	void afterThreeFailuresTheCaptchaWidgetSolvesInTheBrowserAndTheLoginGoesThrough() throws Exception {
		Fixtures.Account account = fixtures.verifiedAccount("human");
		for (int i = 0; i < 3; i++) {
			browser.get("http://localhost:" + port + "/login");
			browser.findElement(By.id("email")).sendKeys(account.email());
			browser.findElement(By.id("password")).sendKeys("not my password " + i);
			browser.findElement(By.xpath("//button[text()='Log in']")).click();
			new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("error"));
		}
		browser.get("http://localhost:" + port + "/login");
		browser.findElement(By.id("email")).sendKeys(account.email());
		browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
		// The proof of work runs in the page (a Web Worker) under the strict
		// Content-Security-Policy.
		browser.findElement(By.cssSelector("altcha-widget input[type=checkbox]")).click();
		// The solved payload appears once the work is done: seconds, since the work is
		// sized so that a script pays for every attempt too.
		long started = System.nanoTime();
		new WebDriverWait(browser, Duration.ofSeconds(90))
			.until(driver -> driver.findElements(By.cssSelector("altcha-widget input[name=altcha]"))
				.stream()
				.anyMatch(input -> input.getDomProperty("value") != null && !input.getDomProperty("value").isBlank()));
		System.out.printf("The CAPTCHA widget solved the proof of work in %d ms%n",
				(System.nanoTime() - started) / 1_000_000);
		browser.findElement(By.xpath("//button[text()='Log in']")).click();
		heading("human Inc");
		passed = true;
	}

	/**
	 * Waits for the next page, by its heading (a click returns before the page has
	 * loaded).
	 */
	private void heading(String text) {
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.tagName("h1"), text));
	}

	private void logIn(String email) {
		browser.get("http://localhost:" + port + "/login");
		browser.findElement(By.id("email")).sendKeys(email);
		browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
		browser.findElement(By.xpath("//button[text()='Log in']")).click();
	}

	private static String code(String secret, int stepsAhead) throws Exception {
		long step = Instant.now().getEpochSecond() / 30 + stepsAhead;
		return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
	}

}
