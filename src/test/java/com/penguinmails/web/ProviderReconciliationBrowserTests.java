package com.penguinmails.web;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.mailboxes.TransportSettings;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.ProviderApis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real browser: the provider webhooks page lists a Mailgun mailbox's reconciliation,
 * waiting for its first read, and "Reconcile now" reads Mailgun's Events API (WireMock)
 * and says what it found; at 1280 and 390 px without scrolling sideways.
 */
@IntegrationTest
class ProviderReconciliationBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	ChromeDriver browser;

	WebDriverWait wait;

	boolean passed;

	@BeforeEach
	void open() throws Exception {
		browser = Browser.start();
		wait = new WebDriverWait(browser, Duration.ofSeconds(20));
	}

	@AfterEach
	void close() {
		if (browser != null) {
			if (!passed) {
				System.out.println("Screenshot of the failure: " + Browser.screenshot(browser, "reconcile-failed"));
			}
			browser.quit();
		}
	}

	@Test
	void reconcileNowReadsTheProvidersListAndSaysWhatItFound() {
		Account account = fixtures.verifiedAccount("reconcile-browser");
		String email = "jo@" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		Mailbox mailbox = mailboxes.add(account.owner(),
				new NewMailbox(email, "Jo", "generic",
						new ServerSettings("127.0.0.1", 2525, Security.NONE, email, "pw"),
						new ServerSettings("127.0.0.1", 1143, Security.NONE, email, "pw"), "", "", 30, 0, 0));
		String domain = "mg-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
		mailboxes.setTransport(account.owner(), mailbox.id(),
				new TransportSettings("mailgun", null, null, "key-reconcile", domain, "us", null, null));
		ProviderApis.shared()
			.stubFor(get(urlPathEqualTo("/mailgun-us/v3/" + domain + "/events"))
				.willReturn(okJson("{\"items\": [], \"paging\": {}}")));
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());

		browser.get(base + "/mailboxes/provider-webhooks");
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reconciliations")));
		assertThat(browser.findElement(By.id("reconciliations")).getText()).contains("Mailgun of mailbox " + email)
			.contains("Not yet")
			.contains("Waiting for the first read");
		atBothWidths("provider-reconciliation-waiting");

		browser.findElement(By.xpath("//button[text()='Reconcile now']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
				"Read the providers' lists: nothing was missed."));
		assertThat(browser.findElement(By.id("reconciliations")).getText()).contains("Up to date")
			.contains("0 bounces and complaints")
			.contains("None");
		atBothWidths("provider-reconciliation-read");

		// Mailgun now refuses the key, with a long word in its answer: said, and wrapped.
		ProviderApis.shared()
			.stubFor(get(urlPathEqualTo("/mailgun-us/v3/" + domain + "/events"))
				.willReturn(aResponse().withStatus(401).withBody("Forbidden:" + "x".repeat(200))));
		browser.findElement(By.xpath("//button[text()='Reconcile now']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
				"1 of 1 account could not be read: the table says why."));
		assertThat(browser.findElement(By.id("reconciliations")).getText()).contains("Read failed")
			.contains("Mailgun refused the credentials (HTTP 401)")
			.contains("0 bounces and complaints");
		atBothWidths("provider-reconciliation-failed");
		passed = true;
	}

	/** Screenshots at 1280 and 390 px (NAME-1280, NAME-390); never scrolls sideways. */
	private void atBothWidths(String name) {
		for (int width : new int[] { 1280, 390 }) {
			browser.manage().window().setSize(new Dimension(width, width == 390 ? 844 : 900));
			browser.navigate().refresh();
			browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("reconciliation")));
			Browser.screenshot(browser, name + "-" + width);
			Object wider = browser.executeScript(
					"return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;");
			assertThat(wider).as("%s at %d px scrolls sideways", name, width).isEqualTo(Boolean.FALSE);
		}
		browser.manage().window().setSize(new Dimension(1280, 900));
	}

}
