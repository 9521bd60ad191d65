package com.penguinmails.web;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.reputation.PostmasterBrowserStubs;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Postmaster Tools and SNDS page in a real browser at 1280 and 390 px: the empty
 * state, connecting Google through its consent page (WireMock stands in for Google and
 * sends the browser back to the callback), saving an SNDS key, "Sync now" for both and
 * the tables of what came; the phone width never scrolls sideways.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class PostmasterBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	ChromeDriver browser;

	private void click(By button) {
		WebElement old = browser.findElement(By.tagName("main"));
		browser.findElement(button).click();
		new WebDriverWait(browser, Duration.ofSeconds(15)).until(Browser.replaced(old));
	}

	private String main() {
		return browser.findElement(By.tagName("main")).getText();
	}

	@Test
	void connectsBothProvidersAndShowsWhatCame() throws Exception {
		Account account = fixtures.verifiedAccount("pm-browser");
		String base = "http://localhost:" + port;
		LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
		WireMockServer providers = PostmasterBrowserStubs.all("pm-browser.test", "0b5e7a11-9999-4444-8888-1234abcd5678",
				yesterday);
		Browser.logIn(browser, base, account.email());

		browser.get(base + "/reputation/postmaster");
		assertThat(main()).contains("Gmail and Outlook.com say what they think of your mail")
			.contains("Connect a Google account")
			.contains("No figures yet");
		Browser.screenshot(browser, "postmaster-empty-1280");

		click(By.linkText("Connect a Google account"));
		new WebDriverWait(browser, Duration.ofSeconds(15))
			.until(ExpectedConditions.urlToBe(base + "/reputation/postmaster"));
		assertThat(main()).contains("Google Postmaster Tools connected");
		assertThat(browser.findElement(By.id("postmaster-google")).getText()).contains("Connected")
			.contains("Last successful pull: never");

		browser.findElement(By.id("snds-key")).sendKeys("0b5e7a11-9999-4444-8888-1234abcd5678");
		click(By.xpath("//button[text()='Save the key']"));
		assertThat(main()).contains("Microsoft SNDS connected");
		assertThat(browser.findElement(By.id("postmaster-snds")).getText()).contains("key ending in 5678");

		click(By.cssSelector("button[aria-label='Sync Google Postmaster Tools now']"));
		assertThat(main()).contains("Google Postmaster Tools pulled: 2 days of figures.");
		click(By.cssSelector("button[aria-label='Sync Microsoft SNDS now']"));
		assertThat(main()).contains("Microsoft SNDS pulled: 2 days of figures.");
		assertThat(browser.findElement(By.id("postmaster-traffic")).getText()).contains("pm-browser.test")
			.contains("High")
			// The percentages keep their sign on the line (a no-break space, which
			// WebDriver may
			// read as a space).
			.containsPattern("0\\.21[ \\u00a0]%")
			.containsPattern("Rate limit exceeded 1\\.5[ \\u00a0]%")
			.contains("Bad DMARC policy");
		assertThat(browser.findElement(By.id("postmaster-snds-days")).getText()).contains("192.0.2.66")
			.contains("Red")
			.contains("< 0.1%");
		assertThat(browser.findElement(By.id("postmaster-ip-status")).getText()).contains("Blocked");
		Browser.screenshot(browser, "postmaster-1280");

		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.assertNoSidewaysScroll(browser);
		Browser.assertTablesFit(browser, "postmaster-traffic", "postmaster-snds-days", "postmaster-ip-status");
		Browser.screenshot(browser, "postmaster-390");
		providers.resetAll();
	}

}
