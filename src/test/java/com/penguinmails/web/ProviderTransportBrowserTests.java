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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.ProviderApis;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real browser: a mailbox is switched to Mailgun on its page (a missing key is said
 * in words, the key is never shown back), and the connection test says what Mailgun's API
 * (WireMock) answered; at 1280 and 390 px without scrolling sideways.
 */
@IntegrationTest
class ProviderTransportBrowserTests {

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
				System.out.println("Screenshot of the failure: " + Browser.screenshot(browser, "transport-failed"));
			}
			browser.quit();
		}
	}

	@Test
	void aMailboxIsSwitchedToMailgunOnItsPageAndTheTestSaysWhatMailgunAnswered() {
		Account account = fixtures.verifiedAccount("transport-browser");
		String email = "jo@" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		Mailbox mailbox = mailboxes.add(account.owner(),
				new NewMailbox(email, "Jo", "generic",
						new ServerSettings("127.0.0.1", 2525, Security.NONE, email, "pw"),
						new ServerSettings("127.0.0.1", 1143, Security.NONE, email, "pw"), "", "", 30, 0, 0));
		String mgDomain = "mg-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
		ProviderApis.shared()
			.stubFor(
					get(urlPathEqualTo("/mailgun-eu/v3/domains/" + mgDomain)).withBasicAuth("api", "key-browser-secret")
						.willReturn(okJson("{\"domain\": {\"name\": \"" + mgDomain + "\", \"state\": \"active\"}}")));
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());

		browser.get(base + "/mailboxes/" + mailbox.id());
		browser.findElement(By.cssSelector("#transport summary")).click();
		new Select(browser.findElement(By.id("transportKind"))).selectByVisibleText("Mailgun");
		browser.findElement(By.id("mailgunDomain")).sendKeys(mgDomain);
		new Select(browser.findElement(By.id("mailgunRegion"))).selectByValue("eu");
		browser.findElement(By.xpath("//button[text()='Save how it sends']")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("transport-error")));
		assertThat(browser.findElement(By.id("transport-error")).getText())
			.isEqualTo("Give the Mailgun private API key.");
		atBothWidths("mailbox-transport-form", () -> {
		}, By.id("transport"));

		browser.findElement(By.id("apiKey")).sendKeys("key-browser-secret");
		browser.findElement(By.id("mailgunDomain")).clear();
		browser.findElement(By.id("mailgunDomain")).sendKeys(mgDomain);
		new Select(browser.findElement(By.id("transportKind"))).selectByVisibleText("Mailgun");
		new Select(browser.findElement(By.id("mailgunRegion"))).selectByValue("eu");
		browser.findElement(By.id("fallbackToSmtp")).click();
		browser.findElement(By.xpath("//button[text()='Save how it sends']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
				"It now sends through Mailgun."));
		assertThat(browser.findElement(By.id("sends-through")).getText()).contains("through Mailgun's API")
			.contains("sending domain " + mgDomain)
			.contains("region EU");
		assertThat(browser.getPageSource()).doesNotContain("key-browser-secret");
		assertThat(mailboxes.get(account.owner(), mailbox.id()).transport().fallbackToSmtp()).isTrue();

		browser.findElement(By.xpath("//button[text()='Test the connection']")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("connection-test")));
		assertThat(browser.findElement(By.id("connection-test")).getText()).contains("Mailgun ok")
			.contains("Mailgun accepted the API key; the sending domain " + mgDomain + " is active.");
		atBothWidths("mailbox-transport-mailgun", () -> browser.navigate().refresh(), By.id("sends-through"));
		passed = true;
	}

	@Test
	void theProviderWebhooksPageGivesEachProvidersAddressAndListsWhatCameIn() throws Exception {
		Account account = fixtures.verifiedAccount("webhooks-browser");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());

		browser.get(base + "/mailboxes");
		browser.findElement(By.linkText("Provider webhooks")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mailgun-url")));
		assertThat(browser.findElement(By.id("mailgun-url")).getText())
			.startsWith(base + "/webhooks/providers/mailgun/");
		assertThat(browser.findElement(By.id("ses-url")).getText()).startsWith(base + "/webhooks/providers/ses/");
		assertThat(browser.findElement(By.id("mailgun-key-state")).getText())
			.isEqualTo("no key yet: requests are refused");
		browser.findElement(By.xpath("//button[text()='Store the key']")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mailgun-error")));
		assertThat(browser.findElement(By.id("mailgun-error")).getText())
			.isEqualTo("Give Mailgun's HTTP webhook signing key (one word).");
		browser.findElement(By.id("signingKey")).sendKeys("key-browser-signing");
		browser.findElement(By.xpath("//button[text()='Store the key']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mailgun-key-state"), "key stored"));

		browser.executeScript("window.confirm = () => true;");
		browser.findElement(By.xpath("//button[text()='Make new credentials']")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("postmark-url")));
		String url = browser.findElement(By.id("postmark-url")).getText();
		assertThat(url)
			.matches("http://postmark-[A-Za-z0-9_-]+:[A-Za-z0-9_-]+@localhost:\\d+/webhooks/providers/postmark/.+");
		String userInfo = url.substring(url.indexOf("//") + 2, url.indexOf('@'));
		java.net.http.HttpResponse<String> posted = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create(base + url.substring(url.indexOf("/webhooks"))))
				.header("Content-Type", "application/json")
				.header("Authorization",
						"Basic " + java.util.Base64.getEncoder()
							.encodeToString(userInfo.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
				.POST(java.net.http.HttpRequest.BodyPublishers
					.ofString("{\"RecordType\": \"Delivery\", \"MessageID\": \"" + UUID.randomUUID()
							+ "\", \"Recipient\": \"ada@client.test\", \"DeliveredAt\": \"2025-12-01T10:00:00Z\"}"))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(posted.statusCode()).isEqualTo(200);
		browser.navigate().refresh();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("provider-events")));
		assertThat(browser.findElement(By.id("provider-events")).getText()).contains("Postmark")
			.contains("Delivered")
			.contains("No message of ours");
		assertThat(browser.getPageSource()).doesNotContain(userInfo.substring(userInfo.indexOf(':') + 1));
		atBothWidths("provider-webhooks", () -> browser.get(base + "/mailboxes/provider-webhooks"), By.id("postmark"));
		atBothWidths("provider-webhooks-events", () -> browser.get(base + "/mailboxes/provider-webhooks"),
				By.id("events"));
		passed = true;
	}

	/** Screenshots at 1280 and 390 px (NAME-1280, NAME-390); never scrolls sideways. */
	private void atBothWidths(String name, Runnable load, By scrollTo) {
		for (int width : new int[] { 1280, 390 }) {
			browser.manage().window().setSize(new Dimension(width, width == 390 ? 844 : 900));
			load.run();
			browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(scrollTo));
			Browser.screenshot(browser, name + "-" + width);
			Object wider = browser.executeScript(
					"return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;");
			assertThat(wider).as("%s at %d px scrolls sideways", name, width).isEqualTo(Boolean.FALSE);
		}
		browser.manage().window().setSize(new Dimension(1280, 900));
	}

}
