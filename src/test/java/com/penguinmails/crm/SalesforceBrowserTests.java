package com.penguinmails.crm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Segments;
import com.penguinmails.inbound.UnsubscribeReceived;

import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page {@code /settings/crm/salesforce} in a real browser at 1280 and 390 px: reached
 * from {@code /settings/crm}, connecting through Salesforce's authorization page
 * (WireMock sends the browser back with a code, as Salesforce does), the settings,
 * testing, an import and its log, a refused refresh shown as "Connect again", and what is
 * pushed back with the pushes and Salesforce's words.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class SalesforceBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	ChromeDriver browser;

	WireMockServer server;

	@Autowired
	SalesforcePush push;

	@Autowired
	Contacts contacts;

	@Autowired
	Segments segments;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@BeforeEach
	void stubs() {
		server = SalesforceStubs.reset();
	}

	@Test
	void connectsThroughSalesforceImportsAndShowsTheSyncLog() {
		Fixtures.Account account = fixtures.verifiedAccount("sf-browser");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

		browser.get(base + "/settings/crm");
		browser.findElement(By.id("crm-salesforce-link")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
				"Import your Salesforce Contacts or Leads"));
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("No import yet");
		Browser.screenshot(browser, "salesforce-empty-1280");

		SalesforceStubs.authorizeAllows(server);
		SalesforceStubs.codeExchanged(server);
		SalesforceStubs.limits(server, SalesforceStubs.ACCESS);
		SalesforceStubs.threePages(server, SalesforceStubs.ACCESS);
		browser.findElement(By.xpath("//a[text()='Connect Salesforce']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Salesforce connected"));
		assertThat(browser.getCurrentUrl()).isEqualTo(base + "/settings/crm/salesforce");
		assertThat(browser.getPageSource()).doesNotContain(SalesforceStubs.ACCESS)
			.doesNotContain(SalesforceStubs.REFRESH_TOKEN);
		assertThat(browser.findElement(By.id("crm-salesforce")).getText()).contains("Connected")
			.contains("organisation ending in zPAK");

		new Select(browser.findElement(By.id("crm-object"))).selectByVisibleText("Contacts");
		browser.findElement(By.id("crm-condition")).sendKeys("MailingCountry != null");
		browser.findElement(By.id("crm-target")).clear();
		browser.findElement(By.id("crm-target")).sendKeys("Salesforce contacts");
		browser.findElement(By.id("crm-map")).sendKeys("Industry_Segment__c = segment");
		new Select(browser.findElement(By.id("crm-schedule"))).selectByVisibleText("Every day");
		browser.findElement(By.cssSelector("#crm-settings button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Import settings saved"));
		assertThat(browser.findElement(By.id("crm-condition")).getAttribute("value"))
			.isEqualTo("MailingCountry != null");

		browser.findElement(By.xpath("//button[text()='Test the connection']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
				"14998 of 15000 daily API requests left"));
		browser.findElement(By.xpath("//button[text()='Import now']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
				"Import from Salesforce started"));
		finished(wait);
		assertThat(browser.findElement(By.id("crm-runs")).getText()).contains("Contacts where MailingCountry != null")
			.contains("Done")
			.contains("4")
			.contains("2");
		Browser.screenshot(browser, "salesforce-connected-1280");
		browser.executeScript("document.getElementById('crm-runs').scrollIntoView()");
		Browser.screenshot(browser, "salesforce-log-1280");
		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.screenshot(browser, "salesforce-connected-390");
		Browser.assertNoSidewaysScroll(browser);
		Browser.assertTablesFit(browser, "crm-runs");
		browser.executeScript("document.getElementById('crm-runs').scrollIntoView()");
		Browser.screenshot(browser, "salesforce-log-390");

		browser.findElement(By.linkText("Details")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("crm-entries")));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Salesforce import");
		assertThat(browser.findElement(By.id("crm-entries")).getText()).contains("Skipped")
			.contains("no email address")
			.contains("003RO00000Noe04YAA")
			.contains("margaret@apollo.example");
		Browser.screenshot(browser, "salesforce-run-390");
		Browser.assertNoSidewaysScroll(browser);
		browser.manage().window().setSize(new Dimension(1280, 900));
		browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		browser.navigate().refresh();
		Browser.screenshot(browser, "salesforce-run-1280");
	}

	@Test
	void aRefusedRefreshAsksToConnectAgain() {
		Fixtures.Account account = fixtures.verifiedAccount("sf-browser-expired");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		SalesforceStubs.authorizeAllows(server);
		SalesforceStubs.codeExchanged(server);
		browser.get(base + "/settings/crm/salesforce");
		browser.findElement(By.xpath("//a[text()='Connect Salesforce']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Salesforce connected"));

		SalesforceStubs.sessionExpired(server, SalesforceStubs.ACCESS);
		SalesforceStubs.refreshRefused(server);
		browser.findElement(By.xpath("//button[text()='Import now']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
				"Import from Salesforce started"));
		finished(wait);
		assertThat(browser.findElement(By.id("crm-runs")).getText()).contains("Failed");
		assertThat(browser.findElement(By.id("crm-salesforce")).getText()).contains("Connect again")
			.contains("invalid_grant");
		assertThat(Browser.present(browser, By.xpath("//button[text()='Import now']"))).isEmpty();
		assertThat(browser.findElements(By.xpath("//a[text()='Connect again']"))).hasSize(1);
		Browser.screenshot(browser, "salesforce-expired-1280");
		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.screenshot(browser, "salesforce-expired-390");
		Browser.assertNoSidewaysScroll(browser);
	}

	@Test
	void choosesAConflictPolicyPerField() {
		Fixtures.Account account = fixtures.verifiedAccount("sf-browser-policies");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		SalesforceStubs.authorizeAllows(server);
		SalesforceStubs.codeExchanged(server);
		browser.get(base + "/settings/crm/salesforce");
		browser.findElement(By.xpath("//a[text()='Connect Salesforce']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Salesforce connected"));

		// A Contact's company is its Account's: read only, so Salesforce wins.
		assertThat(browser.findElement(By.id("policy-company")).isEnabled()).isFalse();
		assertThat(browser.findElement(By.id("crm-field-policies")).getText())
			.contains("The account's: read from Salesforce only");
		new Select(browser.findElement(By.id("policy-title"))).selectByVisibleText("PenguinMails wins");
		new Select(browser.findElement(By.id("policy-country"))).selectByVisibleText("Newest wins");
		browser.findElement(By.cssSelector("#crm-field-policies button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Field policies saved"));
		assertThat(new Select(browser.findElement(By.id("policy-title"))).getFirstSelectedOption().getText())
			.isEqualTo("PenguinMails wins");
		assertThat(new Select(browser.findElement(By.id("policy-country"))).getFirstSelectedOption().getText())
			.isEqualTo("Newest wins");
		assertThat(new Select(browser.findElement(By.id("policy-phone"))).getFirstSelectedOption().getText())
			.isEqualTo("Salesforce wins");
		browser.executeScript("document.getElementById('crm-field-policies').scrollIntoView()");
		Browser.screenshot(browser, "salesforce-field-policies-1280");
		Browser.phone(browser);
		browser.navigate().refresh();
		browser.executeScript("document.getElementById('crm-field-policies').scrollIntoView()");
		Browser.screenshot(browser, "salesforce-field-policies-390");
		Browser.assertNoSidewaysScroll(browser);
	}

	@Test
	void pushSettingsAreTickedAndThePushesShownWithSalesforcesWords() {
		Fixtures.Account account = fixtures.verifiedAccount("sf-browser-push");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		SalesforceStubs.authorizeAllows(server);
		SalesforceStubs.codeExchanged(server);
		SalesforceStubs.onePage(server, SalesforceStubs.ACCESS, "contact-email-changed.json");
		browser.get(base + "/settings/crm/salesforce");
		browser.findElement(By.xpath("//a[text()='Connect Salesforce']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Salesforce connected"));
		browser.findElement(By.xpath("//button[text()='Import now']")).click();
		finished(wait);

		assertThat(browser.findElement(By.id("crm-lead-field")).getAttribute("value")).isEqualTo("Status");
		assertThat(browser.findElement(By.id("crm-meeting_booked")).getAttribute("value")).isEqualTo("Qualified");
		for (String kind : new String[] { "reply", "unsubscribe" }) {
			browser.findElement(By.cssSelector("#crm-push input[value='" + kind + "']")).click();
		}
		browser.findElement(By.id("crm-contact-field")).sendKeys("Stage__c");
		browser.findElement(By.xpath("//button[text()='Save what is sent']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Push settings saved"));
		assertThat(browser.findElement(By.cssSelector("#crm-push input[value='reply']")).isSelected()).isTrue();
		assertThat(browser.findElement(By.cssSelector("#crm-push input[value='label']")).isSelected()).isFalse();
		assertThat(browser.findElement(By.id("crm-contact-field")).getAttribute("value")).isEqualTo("Stage__c");

		SalesforceWriteStubs.created(server, SalesforceStubs.ACCESS, "composite-one-created.json");
		SalesforceWriteStubs.updated(server, SalesforceStubs.ACCESS, "composite-one-refused.json");
		transactions.executeWithoutResult(status -> events
			.publishEvent(new UnsubscribeReceived(account.workspaceId(), UUID.randomUUID(), null, null, 1, 0, null,
					"ada.king@analytical.example", UUID.randomUUID(), Instant.parse("2026-12-01T15:00:00Z"))));
		fixtures.awaitEvents("PushEvents");
		assertThat(push.pushDue()).isPositive();
		browser.navigate().refresh();
		assertThat(browser.findElement(By.id("crm-pushes")).getText()).contains("ada.king@analytical.example")
			.contains("Completed task")
			.contains("Field change")
			.contains("HasOptedOutOfEmail = true")
			.contains("Sent")
			.contains("Failed")
			.contains("DELETED_ENTITY: entity is deleted");

		// Send a list: the one contact not linked yet becomes a Lead.
		UUID grace = contacts
			.create(account.owner(),
					new Contacts.NewContact("grace@export.example", "Grace", null, null, null, null, null, null, null,
							null, null, List.of()))
			.id();
		UUID list = segments.createList(account.owner(), "Webinar").id();
		segments.addToList(account.owner(), list, List.of(grace));
		browser.navigate().refresh();
		new Select(browser.findElement(By.id("crm-export-list"))).selectByVisibleText("Webinar (1)");
		new Select(browser.findElement(By.id("crm-export-object"))).selectByVisibleText("Leads");
		browser.findElement(By.xpath("//button[text()='Send to Salesforce']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
				"Sending the list to Salesforce"));
		finished(wait);
		assertThat(browser.findElement(By.id("crm-runs")).getText()).contains("export of Webinar as Leads")
			.contains("Done");
		browser.executeScript("document.getElementById('crm-export').scrollIntoView()");
		Browser.screenshot(browser, "salesforce-export-1280");
		browser.executeScript("document.getElementById('crm-push').scrollIntoView()");
		Browser.screenshot(browser, "salesforce-push-1280");
		browser.executeScript("document.getElementById('crm-pushes').scrollIntoView()");
		Browser.screenshot(browser, "salesforce-pushes-1280");
		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.assertNoSidewaysScroll(browser);
		Browser.assertTablesFit(browser, "crm-pushes");
		browser.executeScript("document.getElementById('crm-export').scrollIntoView()");
		Browser.screenshot(browser, "salesforce-export-390");
		browser.executeScript("document.getElementById('crm-push').scrollIntoView()");
		Browser.screenshot(browser, "salesforce-push-390");
		browser.executeScript("document.getElementById('crm-pushes').scrollIntoView()");
		Browser.screenshot(browser, "salesforce-pushes-390");
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

}
