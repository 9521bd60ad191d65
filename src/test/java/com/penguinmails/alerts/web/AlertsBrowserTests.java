package com.penguinmails.alerts.web;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.alerts.internal.AlertFixtures;
import com.penguinmails.alerts.internal.ChatReceiver;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert settings and the alert's page in a real browser at 1280 and 390 px: a Slack
 * channel added (a refused URL shows its error on the page), quiet hours, a routing rule
 * and an escalation policy; then an alert delivered to the channel, its timeline, and
 * Acknowledge.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class AlertsBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	AlertFixtures alerts;

	ChromeDriver browser;

	@Test
	void anAdminSetsUpSlackThenAcknowledgesAnAlertFromItsTimeline() throws Exception {
		Fixtures.Account owner = fixtures.verifiedAccount("alert-browser");
		String base = "http://localhost:" + port;
		try (ChatReceiver chat = ChatReceiver.start()) {
			Browser.logIn(browser, base, owner.email());
			browser.get(base + "/settings/alerts");
			assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Alert channels and routing");

			addChannel("Inside", "http://10.9.8.7/services/T0/B0/x");
			assertThat(browser.findElement(By.cssSelector(".error.flash")).getText()).contains("private");
			addChannel("On call", chat.url("/services/T0/B0/secret"));
			assertThat(browser.findElement(By.cssSelector(".notice.flash")).getText()).contains("On call");
			assertThat(browser.findElement(By.id("alert-channels")).getText()).contains("On call")
				.contains("http://127.0.0.1/…")
				.doesNotContain("secret");
			navigateBy(By.cssSelector("#alert-channels .channel-test"));
			assertThat(browser.findElement(By.cssSelector(".notice.flash span")).getText())
				.isEqualTo("Test message: Delivered (HTTP 200).");
			assertThat(chat.to("/services/T0/B0/secret").get(0).body().get("text").asText())
				.isEqualTo("[info] Test alert from PenguinMails");
			assertThat(browser.findElement(By.id("alert-channels")).getText()).contains("Delivering");

			browser.findElement(By.cssSelector("#alert-channels details summary")).click();
			browser.findElement(By.name("zone")).sendKeys("Europe/Paris");
			browser.executeScript("document.querySelector('input[name=from]').value = '22:00';"
					+ "document.querySelector('input[name=to]').value = '07:00';");
			navigateBy(By.cssSelector(".quiet-form button"));
			assertThat(browser.findElement(By.id("alert-channels")).getText()).contains("22:00–07:00 Europe/Paris");

			new Select(browser.findElement(By.id("route-match"))).selectByValue("severity:critical");
			navigateBy(By.id("add-route"));
			assertThat(browser.findElement(By.id("alert-routes")).getText()).contains("Severity critical")
				.contains("On call");

			browser.findElement(By.cssSelector("#add-policy summary")).click();
			browser.findElement(By.id("policy-name")).sendKeys("Nights");
			new Select(browser.findElement(By.id("step2"))).selectByValue("email");
			browser.findElement(By.id("step2Email")).sendKeys("lead@example.com");
			navigateBy(By.id("add-policy-button"));
			assertThat(browser.findElement(By.cssSelector("[id^=policy-]")).getText()).contains("Nights")
				.contains("lead@example.com")
				.contains("after 15 min unacknowledged");
			Browser.screenshot(browser, "alert-settings-1280");
			browser.executeScript("document.getElementById('add-policy').scrollIntoView()");
			Browser.screenshot(browser, "alert-settings-policies-1280");
			Browser.phone(browser);
			browser.navigate().refresh();
			Browser.assertNoSidewaysScroll(browser);
			Browser.assertTablesFit(browser, "alert-channels", "alert-routes");
			Browser.screenshot(browser, "alert-settings-390");

			UUID id = alerts.raise(owner.workspaceId(), "mailbox.failing", "critical", "sales@example.com is failing",
					"Its SMTP server refuses the login: check the password, then resume the mailbox.", "/mailboxes");
			alerts.deliver(Instant.now());
			assertThat(chat.to("/services/T0/B0/secret")).hasSize(2);

			browser.get(base + "/alerts");
			Browser.assertNoSidewaysScroll(browser);
			Browser.assertTablesFit(browser, "alerts");
			Browser.screenshot(browser, "alerts-list-390");
			navigateBy(By.linkText("sales@example.com is failing"));
			assertThat(browser.getCurrentUrl()).endsWith("/alerts/" + id);
			assertThat(browser.findElement(By.id("alert-timeline")).getText()).contains("Raised")
				.contains("Notified")
				.contains("Slack \"On call\": delivered (HTTP 200)");
			Browser.assertNoSidewaysScroll(browser);
			Browser.assertTablesFit(browser, "alert-timeline");
			Browser.screenshot(browser, "alert-detail-390");

			navigateBy(By.id("acknowledge"));
			assertThat(browser.findElement(By.id("alert-status")).getText()).isEqualTo("Acknowledged");
			assertThat(browser.findElement(By.id("alert-timeline")).getText())
				.contains("Acknowledged by " + owner.email());
			Browser.assertNoSidewaysScroll(browser);
			Browser.screenshot(browser, "alert-acknowledged-390");
			browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
			browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
			browser.navigate().refresh();
			Browser.screenshot(browser, "alert-acknowledged-1280");
		}
	}

	@Test
	void anAdminEditsAChannelWithoutSeeingItsUrlThenAPolicy() throws Exception {
		Fixtures.Account owner = fixtures.verifiedAccount("alert-edit-browser");
		String base = "http://localhost:" + port;
		try (ChatReceiver chat = ChatReceiver.start()) {
			Browser.logIn(browser, base, owner.email());
			browser.get(base + "/settings/alerts");
			addChannel("Ops room", chat.url("/services/T0/B0/edit-secret"));

			navigateBy(By.cssSelector("#alert-channels .channel-edit"));
			assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Edit Ops room");
			assertThat(browser.findElement(By.id("channel-name")).getAttribute("value")).isEqualTo("Ops room");
			assertThat(browser.findElement(By.id("channel-url")).getAttribute("value")).as("never shown").isEmpty();
			assertThat(browser.findElement(By.id("channel-url-hint")).getText())
				.contains("leave empty to keep the current URL (http://127.0.0.1/…)");
			assertThat(browser.getPageSource()).doesNotContain("edit-secret");
			Browser.screenshot(browser, "alert-channel-edit-1280");

			browser.findElement(By.id("channel-name")).clear();
			browser.findElement(By.id("channel-name")).sendKeys("Ops room EU");
			browser.findElement(By.id("channel-url")).sendKeys("http://10.9.8.7/services/T0/B0/inside");
			navigateBy(By.id("save-channel"));
			assertThat(browser.findElement(By.cssSelector(".error.flash")).getText()).contains("private");
			assertThat(browser.findElement(By.id("channel-name")).getAttribute("value")).as("what was typed stays")
				.isEqualTo("Ops room EU");
			assertThat(browser.findElement(By.id("channel-url")).getAttribute("value")).isEmpty();

			navigateBy(By.id("save-channel"));
			assertThat(browser.getCurrentUrl()).endsWith("/settings/alerts");
			assertThat(browser.findElement(By.cssSelector(".notice.flash span")).getText())
				.isEqualTo("Channel Ops room EU saved.");
			assertThat(browser.findElement(By.id("alert-channels")).getText()).contains("Ops room EU")
				.contains("http://127.0.0.1/…");
			navigateBy(By.cssSelector("#alert-channels .channel-test"));
			assertThat(chat.to("/services/T0/B0/edit-secret")).as("the URL left empty was kept").hasSize(1);

			browser.findElement(By.cssSelector("#add-policy summary")).click();
			browser.findElement(By.id("policy-name")).sendKeys("Weekend");
			navigateBy(By.id("add-policy-button"));
			navigateBy(By.cssSelector("[id^=policy-] .policy-edit"));
			assertThat(browser.findElement(By.id("policy-name")).getAttribute("value")).isEqualTo("Weekend");
			assertThat(new Select(browser.findElement(By.id("step1"))).getFirstSelectedOption().getText())
				.isEqualTo("Ops room EU");
			new Select(browser.findElement(By.id("step2"))).selectByValue("email");
			browser.findElement(By.id("step2Email")).sendKeys("weekend@example.com");
			browser.findElement(By.id("step2Minutes")).clear();
			browser.findElement(By.id("step2Minutes")).sendKeys("30");
			Browser.phone(browser);
			Browser.assertNoSidewaysScroll(browser);
			Browser.screenshot(browser, "alert-policy-edit-390");
			navigateBy(By.id("save-policy"));
			assertThat(browser.findElement(By.cssSelector(".notice.flash span")).getText())
				.isEqualTo("Escalation policy Weekend saved.");
			assertThat(browser.findElement(By.cssSelector("[id^=policy-]")).getText()).contains("Ops room EU")
				.contains("weekend@example.com")
				.contains("after 30 min unacknowledged");
			Browser.assertNoSidewaysScroll(browser);
			Browser.screenshot(browser, "alert-settings-edited-390");
			navigateBy(By.cssSelector("#alert-channels .channel-edit"));
			Browser.assertNoSidewaysScroll(browser);
			Browser.screenshot(browser, "alert-channel-edit-390");
		}
	}

	private void addChannel(String name, String url) {
		org.openqa.selenium.WebElement details = browser.findElement(By.id("add-channel"));
		if (details.getAttribute("open") == null) {
			details.findElement(By.tagName("summary")).click();
		}
		browser.findElement(By.id("channel-name")).sendKeys(name);
		new Select(browser.findElement(By.id("channel-kind"))).selectByValue("slack");
		browser.findElement(By.id("channel-url")).sendKeys(url);
		navigateBy(By.id("add-channel-button"));
	}

	/**
	 * Clicks what submits a form or follows a link, and waits for the next page: reading
	 * right after the click could find the old page's elements (stale once it goes).
	 */
	private void navigateBy(By target) {
		org.openqa.selenium.WebElement page = browser.findElement(By.tagName("html"));
		browser.findElement(target).click();
		new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(20))
			.until(Browser.replaced(page));
	}

}
