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
 * A contact's activity timeline in a real browser: the contact page loads it, it shows
 * the send, the open and the reply (with a link to the conversation), filters by kind,
 * and fits a phone.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class ContactTimelineBrowserTests {

	private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	InboundFixtures setup;

	@Autowired
	InboundSync sync;

	@Autowired
	org.springframework.test.web.servlet.MockMvc mvc;

	ChromeDriver browser;

	@Test
	void theTimelineShowsASendAnOpenAndAReplyAtAnyWidth() throws Exception {
		Sender sender = setup.sender("timeline-browser");
		String ada = "ada-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
		Campaign campaign = setup.sendTo(sender, List.of(ada), new Campaign.Tracking(true, false), "<p>Hi Ada</p>");
		String html = fixtures.jdbc()
			.sql("SELECT html FROM outbox WHERE campaign_id = ? AND step = 0")
			.param(campaign.id())
			.query(String.class)
			.single();
		java.util.regex.Matcher pixel = java.util.regex.Pattern
			.compile("background=\"https?://[^/]+(/o/[A-Za-z0-9_-]+)\"")
			.matcher(html);
		assertThat(pixel.find()).isTrue();
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(pixel.group(1))
			.header("User-Agent", BROWSER));
		sender.user()
			.deliver(message(ada, sender.mailbox().email(), "Re: Quick question",
					"Sounds good, let's talk on Tuesday at 10.", Map.of("In-Reply-To", setup.sentMessageId(campaign))));
		sync.sync(sender.account().workspaceId(), sender.mailbox().id());
		UUID contactId = fixtures.jdbc()
			.sql("SELECT id FROM contacts WHERE workspace_id = ? AND email = ?")
			.params(sender.account().workspaceId(), ada)
			.query(UUID.class)
			.single();

		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, sender.account().email());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

		for (String width : List.of("1280", "390")) {
			if (width.equals("390")) {
				Browser.phone(browser);
			}
			browser.get(base + "/contacts/" + contactId);
			wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline .timeline-entry")));
			String text = browser.findElement(By.id("timeline")).getText();
			assertThat(text).contains("Sent step 1 (variant A) from " + sender.mailbox().email())
				.contains("Opened")
				.contains("Replied: \u201cSounds good, let's talk on Tuesday at 10.\u201d")
				.contains("Contact created");
			assertThat(browser.findElement(By.linkText("Open the conversation")).getAttribute("href"))
				.startsWith(base + "/inbox?open=");
			Browser.assertNoSidewaysScroll(browser);
			browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("timeline")));
			Browser.screenshot(browser, "contact-timeline-" + width);
		}

		// The filter keeps the changes only, without reloading the page.
		var old = browser.findElement(By.cssSelector("#timeline .timeline-entry"));
		browser.findElement(By.linkText("Changes")).click();
		wait.until(Browser.replaced(old));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline .timeline-entry")));
		assertThat(browser.findElement(By.id("timeline")).getText()).contains("Contact created")
			.doesNotContain("Opened");
	}

}
