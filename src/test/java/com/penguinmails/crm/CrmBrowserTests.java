package com.penguinmails.crm;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page {@code /settings/crm} in a real browser at 1280 and 390 px: the empty state,
 * connecting HubSpot through the form, the settings, an import and its log with the
 * skipped records, and a refused token shown as "Connect again".
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class CrmBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	HubSpotPush push;

	@Autowired
	com.penguinmails.contacts.Contacts contacts;

	@Autowired
	com.penguinmails.contacts.Segments segments;

	@Autowired
	org.springframework.context.ApplicationEventPublisher events;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	ChromeDriver browser;

	WireMockServer server;

	@BeforeEach
	void stubs() {
		server = HubSpotStubs.reset();
	}

	@Test
	void connectsImportsAndShowsTheSyncLog() {
		Fixtures.Account account = fixtures.verifiedAccount("crm-browser");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

		browser.get(base + "/settings/crm");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Import your HubSpot contacts")
			.contains("No import yet");
		Browser.screenshot(browser, "crm-empty-1280");

		HubSpotStubs.tokenAccepted(server);
		HubSpotStubs.threePages(server);
		browser.findElement(By.id("crm-token")).sendKeys(HubSpotStubs.TOKEN);
		browser.findElement(By.cssSelector("#crm-hubspot form button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "HubSpot connected"));
		assertThat(browser.getPageSource()).doesNotContain(HubSpotStubs.TOKEN);

		browser.findElement(By.id("crm-target")).clear();
		browser.findElement(By.id("crm-target")).sendKeys("HubSpot leads");
		browser.findElement(By.id("crm-map")).sendKeys("industry = industry");
		new Select(browser.findElement(By.id("crm-schedule"))).selectByVisibleText("Every day");
		browser.findElement(By.cssSelector("#crm-settings button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Import settings saved"));

		browser.findElement(By.xpath("//button[text()='Test the connection']")).click();
		wait.until(
				ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "HubSpot accepted the token"));
		browser.findElement(By.xpath("//button[text()='Import now']")).click();
		wait.until(
				ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Import from HubSpot started"));
		finished(wait);
		assertThat(browser.findElement(By.id("crm-runs")).getText()).contains("all contacts")
			.contains("Done")
			.contains("4")
			.contains("2");
		Browser.screenshot(browser, "crm-connected-1280");
		browser.executeScript("document.getElementById('crm-runs').scrollIntoView()");
		Browser.screenshot(browser, "crm-log-1280");
		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.screenshot(browser, "crm-connected-390");
		Browser.assertNoSidewaysScroll(browser);
		Browser.assertTablesFit(browser, "crm-runs");
		browser.executeScript("document.getElementById('crm-runs').scrollIntoView()");
		Browser.screenshot(browser, "crm-log-390");

		browser.findElement(By.linkText("Details")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("crm-entries")));
		assertThat(browser.findElement(By.id("crm-entries")).getText()).contains("Skipped")
			.contains("no email address")
			.contains("Not a valid email address")
			.contains("margaret@apollo.example");
		Browser.screenshot(browser, "crm-run-390");
		Browser.assertNoSidewaysScroll(browser);
		browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
		browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
		browser.navigate().refresh();
		Browser.screenshot(browser, "crm-run-1280");
	}

	@Test
	void choosesWhatIsSentAndShowsThePushes() {
		Fixtures.Account account = fixtures.verifiedAccount("crm-browser-push");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		HubSpotStubs.tokenAccepted(server);
		HubSpotStubs.threePages(server);
		browser.get(base + "/settings/crm");
		browser.findElement(By.id("crm-token")).sendKeys(HubSpotStubs.TOKEN);
		browser.findElement(By.cssSelector("#crm-hubspot form button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "HubSpot connected"));
		browser.findElement(By.xpath("//button[text()='Import now']")).click();
		wait.until(
				ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Import from HubSpot started"));
		finished(wait);

		for (String kind : java.util.List.of("reply", "unsubscribe")) {
			browser.findElement(By.cssSelector("#crm-push input[name=kinds][value=" + kind + "]")).click();
		}
		browser.findElement(By.id("crm-unsub-property")).sendKeys("penguinmails_unsubscribed");
		browser.findElement(By.cssSelector("#crm-push button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Push settings saved"));
		assertThat(browser.findElement(By.cssSelector("#crm-push input[value=reply]")).isSelected()).isTrue();
		assertThat(browser.findElement(By.cssSelector("#crm-push input[value=label]")).isSelected()).isFalse();

		HubSpotStubs.notesCreated(server);
		HubSpotStubs.batchPartlyUpdated(server);
		java.time.Instant at = java.time.Instant.now();
		for (String address : java.util.List.of("ada@analytical.example", "grace@navy.example")) {
			transactions.executeWithoutResult(status -> events.publishEvent(
					new com.penguinmails.inbound.UnsubscribeReceived(account.workspaceId(), java.util.UUID.randomUUID(),
							null, null, 1, 0, null, address, java.util.UUID.randomUUID(), at)));
		}
		fixtures.awaitEvents("PushEvents");
		push.pushDue();

		browser.navigate().refresh();
		String pushes = browser.findElement(By.id("crm-pushes")).getText();
		assertThat(pushes).contains("Sent")
			.contains("Failed")
			.contains("Could not get some CONTACT objects")
			.contains("penguinmails_unsubscribed = true")
			.contains("Unsubscribe")
			.doesNotContain("properties");
		Browser.screenshot(browser, "crm-push-settings-1280");
		browser.executeScript("document.getElementById('crm-pushes').scrollIntoView()");
		Browser.screenshot(browser, "crm-pushes-1280");
		Browser.phone(browser);
		browser.navigate().refresh();
		browser.executeScript("document.getElementById('crm-push').scrollIntoView()");
		Browser.screenshot(browser, "crm-push-settings-390");
		Browser.assertNoSidewaysScroll(browser);
		Browser.assertTablesFit(browser, "crm-pushes");
		browser.executeScript("document.getElementById('crm-pushes').scrollIntoView()");
		Browser.screenshot(browser, "crm-pushes-390");
	}

	@Test
	void sendsAListToHubSpotAndShowsTheRunInTheSyncLog() {
		Fixtures.Account account = fixtures.verifiedAccount("crm-browser-export");
		java.util.UUID ada = contacts
			.create(account.owner(),
					new com.penguinmails.contacts.Contacts.NewContact("ada@export.example", "Ada", null, null, null,
							null, null, null, null, null, null, java.util.List.of()))
			.id();
		java.util.UUID list = segments.createList(account.owner(), "Webinar").id();
		segments.addToList(account.owner(), list, java.util.List.of(ada));
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		HubSpotStubs.tokenAccepted(server);
		HubSpotStubs.upsertPartly(server);
		browser.get(base + "/settings/crm");
		browser.findElement(By.id("crm-token")).sendKeys(HubSpotStubs.TOKEN);
		browser.findElement(By.cssSelector("#crm-hubspot form button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "HubSpot connected"));

		new Select(browser.findElement(By.id("crm-export-list"))).selectByVisibleText("Webinar (1)");
		Browser.screenshot(browser, "crm-export-1280");
		browser.findElement(By.cssSelector("#crm-export button")).click();
		wait.until(
				ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Sending the list to HubSpot"));
		finished(wait);
		assertThat(browser.findElement(By.id("crm-runs")).getText()).contains("export of Webinar").contains("Done");
		Browser.phone(browser);
		browser.navigate().refresh();
		browser.executeScript("document.getElementById('crm-export').scrollIntoView()");
		Browser.screenshot(browser, "crm-export-390");
		Browser.assertNoSidewaysScroll(browser);
	}

	/** Refreshes the page until the newest run has finished. */
	private void finished(WebDriverWait wait) {
		// A refresh while the form's redirect is still loading is aborted by that
		// navigation: try again rather than fail.
		wait.ignoring(WebDriverException.class).until(driver -> {
			driver.navigate().refresh();
			return Browser.present(browser, By.className("crm-running")).isEmpty()
					&& !driver.findElements(By.id("crm-runs")).isEmpty();
		});
	}

	@Test
	void choosesAConflictPolicyPerField() {
		Fixtures.Account account = fixtures.verifiedAccount("crm-browser-policies");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		browser.get(base + "/settings/crm");
		assertThat(Browser.present(browser, By.id("crm-field-policies"))).isEmpty();
		HubSpotStubs.tokenAccepted(server);
		browser.findElement(By.id("crm-token")).sendKeys(HubSpotStubs.TOKEN);
		browser.findElement(By.cssSelector("#crm-hubspot form button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "HubSpot connected"));
		browser.findElement(By.id("crm-map")).sendKeys("industry = industry");
		browser.findElement(By.cssSelector("#crm-settings button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Import settings saved"));

		assertThat(new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("policy-company")))
			.getFirstSelectedOption()
			.getText()).isEqualTo("HubSpot wins");
		new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("policy-company")))
			.selectByVisibleText("PenguinMails wins");
		new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("policy-custom.industry")))
			.selectByVisibleText("Newest wins");
		browser.findElement(By.cssSelector("#crm-field-policies button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Field policies saved"));

		assertThat(new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("policy-company")))
			.getFirstSelectedOption()
			.getText()).isEqualTo("PenguinMails wins");
		assertThat(browser.findElement(By.id("crm-field-policies")).getText()).contains("Custom: industry")
			.contains("Job title")
			.doesNotContain("penguinmails");
		browser.executeScript("document.getElementById('crm-field-policies').scrollIntoView()");
		Browser.screenshot(browser, "crm-field-policies-1280");
		Browser.phone(browser);
		browser.navigate().refresh();
		browser.executeScript("document.getElementById('crm-field-policies').scrollIntoView()");
		Browser.screenshot(browser, "crm-field-policies-390");
		Browser.assertNoSidewaysScroll(browser);
	}

	@Test
	void aRefusedTokenAsksToConnectAgain() {
		Fixtures.Account account = fixtures.verifiedAccount("crm-browser-401");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		HubSpotStubs.tokenAccepted(server);
		browser.get(base + "/settings/crm");
		browser.findElement(By.id("crm-token")).sendKeys(HubSpotStubs.TOKEN);
		browser.findElement(By.cssSelector("#crm-hubspot form button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "HubSpot connected"));

		server.resetAll();
		HubSpotStubs.tokenRefused(server);
		browser.findElement(By.xpath("//button[text()='Import now']")).click();
		wait.until(
				ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Import from HubSpot started"));
		finished(wait);
		assertThat(browser.findElement(By.id("crm-runs")).getText()).contains("Failed");

		assertThat(browser.findElement(By.id("crm-hubspot")).getText()).contains("Connect again")
			.contains("expired 2 day(s) ago");
		assertThat(Browser.present(browser, By.xpath("//button[text()='Import now']"))).isEmpty();
		Browser.screenshot(browser, "crm-expired-1280");
		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.screenshot(browser, "crm-expired-390");
		Browser.assertNoSidewaysScroll(browser);
	}

}
