package com.penguinmails.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.inbound.InboundSync;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;

import static com.penguinmails.inbound.InboundFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unified inbox in a real browser: a new reply appears in the open list without a
 * reload, the conversation shows what the campaign sent, gets a label and a reply; the
 * campaign page draws its figures' chart.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class InboxJourneyBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	InboundFixtures setup;

	@Autowired
	InboundSync sync;

	ChromeDriver browser;

	@Test
	void aNewReplyAppearsLabelItAndAnswerIt() throws Exception {
		Sender sender = setup.sender("inbox-journey");
		String ada = "ada-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
		Campaign campaign = setup.sendTo(sender, List.of(ada), new Campaign.Tracking(true, false), "<p>Hi Ada</p>");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, sender.account().email());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

		browser.get(base + "/inbox");
		assertThat(browser.findElement(By.id("threads")).getText()).contains("No conversation here yet");
		// The reply arrives and is synced while the page is open: htmx brings it in.
		sender.user()
			.deliver(message(ada, sender.mailbox().email(), "Re: Quick question", "Yes, let's talk on Tuesday.",
					Map.of("In-Reply-To", setup.sentMessageId(campaign))));
		sync.sync(sender.account().workspaceId(), sender.mailbox().id());
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("threads"), ada));

		browser.findElement(By.partialLinkText("Re: Quick question")).click();
		// The list shows the reply's first line too: wait for the conversation's pane.
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pane"), "let's talk on Tuesday"));
		assertThat(browser.findElement(By.id("pane")).getText()).contains("Sent by the campaign");
		// No template in the workspace: the composer says where to write one.
		assertThat(Browser.present(browser, By.id("snippet-select"))).isEmpty();
		assertThat(browser.findElement(By.id("snippet-hint")).getText()).contains("No templates to insert yet");
		assertThat(browser.findElement(By.cssSelector("#snippet-hint a")).getAttribute("href"))
			.endsWith("/templates#new-template");
		new Select(browser.findElement(By.id("label-select"))).selectByValue("interested");
		browser.findElement(By.xpath("//section[@id='label']//button[text()='Save']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Labelled."));
		browser.findElement(By.id("reply-text")).sendKeys("Tuesday 10:00 then.");
		browser.findElement(By.xpath("//button[text()='Send reply']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Reply queued"));
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("You replied to " + ada)
			.contains("Tuesday 10:00 then.");
		Browser.screenshot(browser, "inbox-reply-queued-1280");

		// The campaign page loads its figures and Chart.js draws them.
		browser.get(base + "/campaigns/" + campaign.id());
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stats-chart")));
		wait.until(d -> "yes".equals(d.findElement(By.id("stats-chart")).getAttribute("data-drawn")));
		assertThat(browser.findElement(By.id("stats-figures")).getText()).contains("Step 1").contains("100 %");
		// Its status in words, at both widths; wide tables scroll inside the page, not
		// the page.
		assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Running");
		Browser.screenshot(browser, "campaign-1280");
		browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
		browser.navigate().refresh();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stats-figures")));
		Browser.screenshot(browser, "campaign-390");
		assertThat(scrollsSideways()).as("campaign page at 390 px").isFalse();
		browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
	}

	@Test
	void aBouncesReasonShowsInItsThreadAndOnTheContactAtAnyWidth() throws Exception {
		Sender sender = setup.sender("bounce-journey");
		String bob = "bob-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
		Campaign campaign = setup.sendTo(sender, List.of(bob), new Campaign.Tracking(false, false), "<p>Hi Bob</p>");
		InboundFixtures.deliverRaw(sender.user(),
				InboundFixtures.dsn(sender.mailbox().email(), bob, "failed", "5.1.1",
						"552 5.2.2 <" + bob + ">: Mailbox full, over quota", setup.outboxId(campaign),
						setup.sentMessageId(campaign)));
		sync.sync(sender.account().workspaceId(), sender.mailbox().id());
		UUID contactId = fixtures.jdbc()
			.sql("SELECT id FROM contacts WHERE workspace_id = ? AND email = ?")
			.params(sender.account().workspaceId(), bob)
			.query(UUID.class)
			.single();
		UUID threadId = fixtures.jdbc()
			.sql("SELECT thread_id FROM inbound_messages WHERE mailbox_id = ? AND kind = 'bounce'")
			.param(sender.mailbox().id())
			.query(UUID.class)
			.single();
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, sender.account().email());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		// A bookmark of the retired mail history page lands on the contact's timeline.
		browser.get(base + "/inbox/contacts/" + contactId);
		wait.until(ExpectedConditions.urlToBe(base + "/contacts/" + contactId + "#timeline"));

		for (int[] size : new int[][] { { 1280, 900 }, { 390, 844 } }) {
			browser.manage().window().setSize(new org.openqa.selenium.Dimension(size[0], size[1]));
			browser.get(base + "/contacts/" + contactId);
			// The contact page loads its activity timeline, the bounce in it.
			wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline .timeline-entry")));
			assertThat(browser.findElement(By.id("timeline")).getText()).contains("Soft bounce")
				.contains("mailbox full")
				.contains("552 5.2.2");
			assertThat(scrollsSideways()).as("contact page at %d px", size[0]).isFalse();
			browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("timeline")));
			Browser.screenshot(browser, "contact-history-" + size[0]);

			browser.get(base + "/inbox/" + threadId);
			assertThat(browser.findElement(By.className("bounce-details")).getText()).contains("mailbox full")
				.contains("552 5.2.2");
			assertThat(scrollsSideways()).as("bounce thread at %d px", size[0]).isFalse();
			// Nobody to answer: a mail system wrote it.
			assertThat(Browser.present(browser, By.id("reply"))).isEmpty();
			browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.className("bounce-details")));
			Browser.screenshot(browser, "bounce-thread-" + size[0]);
		}
		// The inbox, bounces shown, at both widths.
		for (int[] size : new int[][] { { 1280, 900 }, { 390, 844 } }) {
			browser.manage().window().setSize(new org.openqa.selenium.Dimension(size[0], size[1]));
			browser.get(base + "/inbox?show=all");
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("threads"),
					"Undelivered Mail Returned to Sender"));
			assertThat(scrollsSideways()).as("inbox at %d px", size[0]).isFalse();
			Browser.screenshot(browser, "inbox-all-" + size[0]);
		}
	}

	private boolean scrollsSideways() {
		Object wider = browser
			.executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;");
		return Boolean.TRUE.equals(wider);
	}

}
