package com.penguinmails.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.analytics.internal.rollup.RollupStore;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics page in a real browser at 1280 and 390 px: a new workspace's empty page,
 * and a month of activity with its tiles, chart, funnel, heatmap and breakdowns, filtered
 * through the form; a bad period said on the page.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class AnalyticsBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Campaigns campaigns;

	@Autowired
	RollupStore rollups;

	ChromeDriver browser;

	@Test
	void aNewWorkspaceSeesZerosAndWhatTheFiguresAre() {
		Fixtures.Account account = fixtures.verifiedAccount("analytics-empty");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		browser.findElement(By.linkText("Analytics")).click();
		assertThat(browser.findElement(By.id("tile-sent")).getText()).contains("0");
		assertThat(browser.findElement(By.id("best-hours-none")).getText()).contains("No hour has");
		assertThat(browser.findElement(By.id("breakdown-campaigns")).getText()).contains("Nothing was sent");
		Browser.screenshot(browser, "analytics-empty-1280");
		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.screenshot(browser, "analytics-empty-390");
		Browser.assertNoSidewaysScroll(browser);
	}

	@Test
	void aMonthOfActivityFilteredThroughTheForm() {
		Fixtures.Account account = fixtures.verifiedAccount("analytics-page");
		RollupFixture.Seeded seeded = RollupFixture.seed(fixtures.jdbc(), mailboxes, campaigns, account, "page", 3000,
				Instant.now().minus(Duration.ofDays(35)).truncatedTo(ChronoUnit.DAYS));
		rollups.markAll(account.workspaceId());
		rollups.refreshAll();
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());

		browser.get(base + "/analytics?days=90");
		String sent = browser.findElement(By.cssSelector("#tile-sent strong")).getText();
		assertThat(Long.parseLong(sent.replace(",", ""))).isGreaterThan(5000);
		assertThat(browser.findElement(By.id("funnel-table")).getText()).contains("Contacted").contains("Interested");
		assertThat(browser.findElement(By.id("best-hours")).getText()).contains("got a reply");
		assertThat(browser.findElement(By.id("breakdown-campaigns")).getText()).contains("Alpha page")
			.contains("Beta page");
		assertThat((Boolean) browser
			.executeScript("return document.getElementById('analytics-chart').dataset.drawn === 'yes'")).isTrue();
		Browser.screenshot(browser, "analytics-month-1280");
		for (String section : new String[] { "funnel", "heatmap", "breakdowns" }) {
			browser.executeScript("document.getElementById(arguments[0]).scrollIntoView()", section);
			Browser.screenshot(browser, "analytics-month-" + section + "-1280");
		}

		new Select(browser.findElement(By.name("campaign"))).selectByVisibleText("Alpha page");
		new Select(browser.findElement(By.name("provider"))).selectByVisibleText("Google (Gmail, Workspace)");
		browser.findElement(By.cssSelector("#analytics-filter button")).click();
		// The form is a GET: wait for the filtered page, not the old one's subtitle.
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(
				ExpectedConditions.textToBePresentInElementLocated(By.id("analytics-subtitle"), "campaign Alpha page"));
		assertThat(browser.findElement(By.id("analytics-subtitle")).getText()).contains("campaign Alpha page")
			.contains("Google");
		String filtered = browser.findElement(By.cssSelector("#tile-sent strong")).getText();
		assertThat(Long.parseLong(filtered.replace(",", ""))).isPositive()
			.isLessThan(Long.parseLong(sent.replace(",", "")));
		assertThat(browser.getCurrentUrl()).contains("campaign=" + seeded.campaignA());

		Browser.phone(browser);
		browser.get(base + "/analytics?days=90");
		browser.executeScript("document.querySelectorAll('details').forEach(d => d.open = true)");
		Browser.screenshot(browser, "analytics-month-390");
		Browser.assertNoSidewaysScroll(browser);
		for (String section : new String[] { "figures", "funnel", "heatmap", "breakdowns" }) {
			browser.executeScript("document.getElementById(arguments[0]).scrollIntoView()", section);
			Browser.screenshot(browser, "analytics-month-" + section + "-390");
		}
		Browser.assertTablesFit(browser, "funnel-table");
		// The heatmap stays a grid on a phone, and fits without scrolling.
		assertThat((Boolean) browser.executeScript(
				"const b = document.querySelector('.heatmap-scroll'); return b.scrollWidth <= b.clientWidth + 1"))
			.isTrue();

		browser.get(base + "/analytics?from=last+week");
		assertThat(browser.findElement(By.id("analytics-error")).getText()).contains("from is a day as YYYY-MM-DD")
			.contains("The figures below are for the last 30 days");
		// Said once, on the page, never as raw JSON.
		assertThat(browser.findElements(By.cssSelector(".error, [role=alert]"))).hasSize(1);
		browser.get(base + "/analytics?days=abc");
		assertThat(browser.findElement(By.id("analytics-error")).getText()).contains("days is a number of days");
		Browser.assertNoSidewaysScroll(browser);
	}

}
