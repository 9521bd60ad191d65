package com.penguinmails.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

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
 * The analytics page's downloads in a real browser and a real servlet container: every
 * view in every format carries the page's filters, and the files stream back (an async
 * request in Tomcat) at 1280 and 390 px.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class ReportDownloadsBrowserTests {

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
	void theDownloadsCarryThePagesFiltersAndStreamTheFiles() {
		Fixtures.Account account = fixtures.verifiedAccount("downloads-page");
		RollupFixture.Seeded seeded = RollupFixture.seed(fixtures.jdbc(), mailboxes, campaigns, account, "dl", 100,
				Instant.now().minus(Duration.ofDays(35)).truncatedTo(ChronoUnit.DAYS));
		rollups.markAll(account.workspaceId());
		rollups.refreshAll();
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		browser.get(base + "/analytics?days=90&campaign=" + seeded.campaignA());

		WebElement overview = browser.findElement(By.id("download-overview"));
		assertThat(overview.getText()).isEqualTo("Overview: CSV · Excel · PDF");
		assertThat(browser.findElements(By.cssSelector("#downloads li"))).hasSize(ReportView.values().length);
		String excel = overview.findElement(By.linkText("Excel")).getAttribute("href");
		assertThat(excel).contains("view=overview", "format=xlsx", "days=90", "campaign=" + seeded.campaignA());

		// Fetched as the browser would download it, with its session cookie.
		for (String[] link : new String[][] { { "download-overview", "Excel", "application/vnd.openxmlformats" },
				{ "download-daily", "PDF", "application/pdf" }, { "download-funnel", "CSV", "text/csv" } }) {
			String href = browser.findElement(By.id(link[0])).findElement(By.linkText(link[1])).getAttribute("href");
			@SuppressWarnings("unchecked")
			Map<String, Object> got = (Map<String, Object>) browser.executeAsyncScript("""
					const done = arguments[arguments.length - 1];
					fetch(arguments[0]).then(async r => {
					  const bytes = new Uint8Array(await r.arrayBuffer());
					  done({ status: r.status, type: r.headers.get('Content-Type'),
					    disposition: r.headers.get('Content-Disposition'), size: bytes.length,
					    head: String.fromCharCode(...bytes.slice(0, 5)) });
					});""", href);
			assertThat(((Number) got.get("status")).intValue()).as(href).isEqualTo(200);
			assertThat((String) got.get("type")).as(href).startsWith(link[2]);
			assertThat((String) got.get("disposition")).as(href).startsWith("attachment; filename=");
			assertThat(((Number) got.get("size")).longValue()).as(href).isGreaterThan(100);
			String head = (String) got.get("head");
			switch (link[1]) {
				case "Excel" -> assertThat(head).startsWith("PK");
				case "PDF" -> assertThat(head).isEqualTo("%PDF-");
				default -> assertThat(head).startsWith("Stage");
			}
		}

		browser.executeScript("document.getElementById('downloads').scrollIntoView()");
		Browser.screenshot(browser, "analytics-downloads-1280");
		Browser.phone(browser);
		browser.navigate().refresh();
		browser.executeScript("document.getElementById('downloads').scrollIntoView()");
		Browser.screenshot(browser, "analytics-downloads-390");
		Browser.assertNoSidewaysScroll(browser);
	}

}
