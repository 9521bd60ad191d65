package com.penguinmails.web;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.domains.Domain;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.reputation.TestDailySource;
import com.penguinmails.reputation.internal.timeline.DailyFigure;
import com.penguinmails.reputation.internal.timeline.Subject;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;
import com.penguinmails.support.TestDnsServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reputation pages in a real browser at 1280 and 390 px: the overview, a mailbox's
 * timeline with its chart drawn, and the blocklists page where a checklist step is marked
 * done; tables fit a phone as cards and nothing scrolls sideways.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class ReputationBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	InboundFixtures inbound;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Domains domains;

	@Autowired
	TestDailySource source;

	ChromeDriver browser;

	@Test
	void overviewTimelineAndBlocklistsReadWellOnADeskAndAPhone() {
		Sender sender = inbound.sender("rep-browser");
		UUID workspace = sender.account().workspaceId();
		Subject mailbox = Subject.mailbox(sender.mailbox().id());
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		for (int d = 13; d >= 0; d--) {
			LocalDate day = today.minusDays(d);
			int sent = 40 + d;
			int bounced = d < 4 ? 6 - d : 1;
			source.put(workspace, mailbox, day, DailyFigure.SENT, sent, null);
			source.put(workspace, mailbox, day, DailyFigure.DELIVERED, sent - bounced, null);
			source.put(workspace, mailbox, day, "bounced:user_unknown", bounced, null);
			source.put(workspace, mailbox, day, DailyFigure.WARMUP_HEALTH, 90 - (d < 4 ? 10 : 0), null);
			source.put(workspace, mailbox, day, DailyFigure.DMARC_PASS_RATE, 0.97, null);
			if (d % 2 == 0) {
				source.put(workspace, mailbox, day, DailyFigure.DMARC_MESSAGES, 30, null);
			}
		}
		source.put(workspace, mailbox, today.minusDays(2), DailyFigure.COMPLAINTS, 1, null);
		String name = "browser-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		Domain domain = domains.add(sender.account().owner(), new NewDomain(name, false, "", "ip4:192.0.2.83"));
		TestDnsServer.shared().add("83.2.0.192.zen.spamhaus.org. 300 IN A 127.0.0.3");
		domains.checkBlocklists(sender.account().owner(), domain.id());
		fixtures.awaitEvents("BlocklistHistory");

		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, sender.account().email());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));

		browser.get(base + "/reputation");
		assertThat(browser.findElement(By.id("reputation-subjects")).getText()).contains(sender.mailbox().email())
			.contains("192.0.2.83")
			.contains("Bounces:");
		shoot("reputation-overview", "reputation-subjects");

		browser.findElement(By.linkText(sender.mailbox().email())).click();
		wait.until(ExpectedConditions.attributeToBe(By.cssSelector("canvas.reputation-chart"), "data-drawn", "yes"));
		assertThat(browser.findElement(By.id("score-parts")).getText()).contains("Bounces")
			.contains("Warmup health")
			.contains("DMARC");
		assertThat(browser.findElement(By.id("reputation-days")).getAttribute("textContent"))
			.contains("Bounced: user unknown");
		// The score line is straight between days (no overshoot), both axes say what they
		// count, and the DMARC-reported messages are drawn.
		assertThat(browser.executeScript("""
				const c = Chart.getChart(document.querySelector('canvas.reputation-chart'));
				return [c.data.datasets[0].tension, c.options.scales.score.title.text,
				    c.options.scales.count.title.text, c.data.datasets.map(d => d.label).join(',')];""").toString())
			.isEqualTo("[0, Score (0–100), Messages a day, Score,Sent,Delivered,Bounced,Complaints,DMARC messages]");
		assertThat(browser.findElement(By.id("reputation-related")).getText()).contains("Mailbox settings")
			.contains("Throttling");
		assertThat(browser.findElement(By.className("days-hint")).getAttribute("textContent"))
			.contains("scroll the table sideways");
		shoot("reputation-timeline", "reputation-days", "score-parts");
		// On a phone each day shows only the figures it has: no "—" line is visible.
		assertThat(browser.findElements(By.cssSelector("#reputation-days td.none"))).isNotEmpty()
			.noneMatch(org.openqa.selenium.WebElement::isDisplayed);
		assertThat(browser.findElement(By.className("days-hint")).getText()).contains("only the figures it has");

		browser.get(base + "/reputation/blocklists");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("192.0.2.83")
			.contains("Open the removal page");
		browser.findElement(By.cssSelector("button[aria-label='Mark done: Find the cause']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Done: find the cause."));
		assertThat(browser.findElements(By.cssSelector("button[aria-label='Mark not done: Find the cause']")))
			.hasSize(1);
		shoot("reputation-blocklists");
	}

	private void shoot(String name, String... tables) {
		browser.manage().window().setSize(new Dimension(1280, 900));
		browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		browser.navigate().refresh();
		Browser.screenshot(browser, name + "-1280");
		Browser.assertNoSidewaysScroll(browser);
		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.screenshot(browser, name + "-390");
		Browser.assertNoSidewaysScroll(browser);
		Browser.assertTablesFit(browser, tables);
	}

}
