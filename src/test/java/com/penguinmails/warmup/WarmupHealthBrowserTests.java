package com.penguinmails.warmup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

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
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health fragment (opened alone, in the layout) and the placement tests page in a
 * real browser at 1280 and 390 px: the chart is drawn, a test is sent, "Check now" finds
 * the copy in the seed's inbox, and the phone width never scrolls sideways.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class WarmupHealthBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	InboundFixtures inbound;

	@Autowired
	PlacementFixtures placement;

	@Autowired
	WarmupHealth health;

	ChromeDriver browser;

	@Test
	void showsTheHealthChartAndRunsAPlacementTest() throws Exception {
		Sender sender = inbound.sender("warmup-browser");
		Mailbox seed = placement.mailbox(sender, "browser-seed");
		Campaign campaign = placement.campaign(sender);
		measureTenDays(sender);
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, sender.account().email());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));

		browser.get(base + "/warmup/mailboxes/" + sender.mailbox().id() + "/health");
		wait.until(ExpectedConditions.attributeToBe(By.cssSelector("canvas.warmup-health-chart"), "data-drawn", "yes"));
		assertThat(browser.findElement(By.cssSelector(".health-score strong")).getText()).matches("\\d+");
		assertThat(browser.findElement(By.cssSelector(".health-parts")).getText()).contains("Inbox placement")
			.contains("Not passing: SPF, DKIM, DMARC");
		Browser.screenshot(browser, "warmup-health-1280");
		Browser.phone(browser);
		browser.navigate().refresh();
		wait.until(ExpectedConditions.attributeToBe(By.cssSelector("canvas.warmup-health-chart"), "data-drawn", "yes"));
		Browser.screenshot(browser, "warmup-health-390");
		Browser.assertNoSidewaysScroll(browser);

		browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
		browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
		browser.get(base + "/warmup/placement");
		new Select(browser.findElement(By.id("placement-step"))).selectByValue(campaign.id() + "/1");
		new Select(browser.findElement(By.id("placement-mailbox"))).selectByVisibleText(sender.mailbox().email());
		browser.findElement(By.id("placement-pool")).click();
		browser.findElement(By.id("placement-addresses")).sendKeys(seed.email() + ", someone@elsewhere.test");
		browser.findElement(By.xpath("//button[text()='Send the test']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("placement-latest"),
				"Looking for it — checked every minute for 15 minutes."));
		assertThat(browser.findElement(By.id("placement-seeds")).getText()).contains("Sent, not checkable");
		wait.until(d -> {
			try {
				return PlacementFixtures.count(seed.email(), "INBOX") == 1;
			}
			catch (Exception ex) {
				return false;
			}
		});
		browser.findElement(By.id("placement-check")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("placement-seeds"), "Inbox"));
		assertThat(browser.findElement(By.id("placement-history")).getText()).contains("Quick question for");
		Browser.screenshot(browser, "warmup-placement-1280");
		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.screenshot(browser, "warmup-placement-390");
		Browser.assertNoSidewaysScroll(browser);
	}

	/** Ten days of warmup, a little more spam each day, measured day by day. */
	private void measureTenDays(Sender sender) {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		WarmupTestData.enable(fixtures.jdbc(), sender.account().workspaceId(), sender.mailbox().id());
		for (int d = 9; d >= 0; d--) {
			LocalDate day = today.minusDays(d);
			WarmupTestData.sent(fixtures.jdbc(), sender.account().workspaceId(), sender.mailbox().id(), day,
					Placement.INBOX, 8);
			WarmupTestData.sent(fixtures.jdbc(), sender.account().workspaceId(), sender.mailbox().id(), day,
					Placement.SPAM, (9 - d) / 3);
			health.measure(day, Instant.now());
		}
	}

}
