package com.penguinmails.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

import static com.penguinmails.inbound.InboundFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unified inbox in a real browser: a new reply appears in the open list without a
 * reload, the conversation shows what the campaign sent, gets a label and a reply; the
 * campaign page draws its figures' chart.
 */
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

	boolean passed;

	@BeforeEach
	void open() throws Exception {
		browser = Browser.start();
	}

	@AfterEach
	void close() {
		if (browser != null) {
			if (!passed) {
				System.out.println("Screenshot of the failure: " + Browser.screenshot(browser, "inbox-journey"));
			}
			browser.quit();
		}
	}

	@Test
	void aNewReplyAppearsLabelItAndAnswerIt() throws Exception {
		Sender sender = setup.sender("inbox-journey");
		String ada = "ada-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
		Campaign campaign = setup.sendTo(sender, List.of(ada), new Campaign.Tracking(true, false), "<p>Hi Ada</p>");
		String base = "http://localhost:" + port;
		browser.get(base + "/login");
		browser.findElement(By.id("email")).sendKeys(sender.account().email());
		browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
		browser.findElement(By.xpath("//button[text()='Log in']")).click();
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		wait.until(ExpectedConditions.urlToBe(base + "/"));

		browser.get(base + "/inbox");
		assertThat(browser.findElement(By.id("threads")).getText()).contains("No conversation here yet");
		// The reply arrives and is synced while the page is open: htmx brings it in.
		sender.user()
			.deliver(message(ada, sender.mailbox().email(), "Re: Quick question", "Yes, let's talk on Tuesday.",
					Map.of("In-Reply-To", setup.sentMessageId(campaign))));
		sync.sync(sender.account().workspaceId(), sender.mailbox().id());
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("threads"), ada));

		browser.findElement(By.linkText("Re: Quick question")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "let's talk on Tuesday"));
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Sent by the campaign");
		new Select(browser.findElement(By.id("label-select"))).selectByValue("interested");
		browser.findElement(By.xpath("//section[@id='label']//button[text()='Save']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Labelled."));
		browser.findElement(By.id("reply-text")).sendKeys("Tuesday 10:00 then.");
		browser.findElement(By.xpath("//button[text()='Send reply']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Reply sent."));
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("You replied to " + ada)
			.contains("Tuesday 10:00 then.");

		// The campaign page loads its figures and Chart.js draws them.
		browser.get(base + "/campaigns/" + campaign.id());
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stats-chart")));
		wait.until(d -> "yes".equals(d.findElement(By.id("stats-chart")).getAttribute("data-drawn")));
		assertThat(browser.findElement(By.id("stats-figures")).getText()).contains("Campaign").contains("Step 1");
		passed = true;
	}

}
