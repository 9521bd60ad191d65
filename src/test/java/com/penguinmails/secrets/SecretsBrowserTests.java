package com.penguinmails.secrets;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;
import com.penguinmails.system.SystemAdmins;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /system/secrets} in a real browser at 1280 and 390 px: every kind of secret is
 * named for people (its column beside it, small), "Re-wrap now" runs in the background
 * and the page shows it done with its counts without a reload; at phone width the table
 * reads as cards and the page never scrolls sideways.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class SecretsBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	ChromeDriver browser;

	@Test
	void theAdminSeesWhatEachSecretIsAndRewrapsThemAll() {
		Fixtures.Account admin = SystemAdmins.admin(fixtures, "secrets-browser");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, admin.email());
		browser.get(base + "/system/secrets");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Secrets at rest");
		assertThat(browser.findElement(By.id("current-key")).getText()).contains("master key");
		WebElement dkim = browser.findElement(By.id("column-dkim_keys.private_key"));
		assertThat(dkim.getText()).contains("DKIM private keys").contains("dkim_keys.private_key");
		assertThat(browser.findElement(By.id("secret-columns")).getText()).contains("Two-factor (TOTP) seeds")
			.contains("Webhook signing secrets")
			.doesNotContain("null");

		WebElement table = browser.findElement(By.id("secret-columns"));
		browser.findElement(By.id("rewrap-now")).click();
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
		wait.ignoring(StaleElementReferenceException.class);
		wait.until(Browser.replaced(table));
		wait.until(d -> d.findElement(By.id("rewrap-run")).getText().contains("Done"));
		assertThat(browser.findElement(By.id("rewrap-run")).getText()).contains("re-wrapped").contains("unreadable");
		Browser.screenshot(browser, "secrets-1280");

		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.assertNoSidewaysScroll(browser);
		Browser.assertTablesFit(browser, "secret-columns");
		Browser.screenshot(browser, "secrets-390");
	}

}
