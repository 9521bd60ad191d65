package com.penguinmails.web;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.contacts.ContactBulkWorker;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk bar (on a test page standing in for the contacts page) and a bulk job's page
 * in a real browser at 1280 and 390 px: rows checked by the page box are counted, "all
 * matching this filter" tags every lead, the job page waits, shows progress and then the
 * result by itself (htmx every 2 s); an export offers its CSV.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class BulkJobBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ContactBulkWorker worker;

	ChromeDriver browser;

	@Test
	void tagsAllMatchingAFilterAndTheJobPageFollowsItToTheEnd() throws Exception {
		Account account = fixtures.verifiedAccount("bulk-browser");
		fixtures.jdbc().sql("""
				INSERT INTO contacts (id, workspace_id, email, tags)
				SELECT gen_random_uuid(), ?, 'person' || g || '@generated.test',
				    CASE WHEN g <= 1500 THEN ARRAY['lead'] ELSE '{}'::text[] END
				FROM generate_series(1, 1510) g""").param(account.workspaceId()).update();
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());

		browser.get(base + "/test/bulk-bar?tag=lead");
		assertThat(browser.findElement(By.id("bulk-selected-count")).getText()).isEqualTo("0 selected");
		browser.findElement(By.id("select-page")).click();
		assertThat(browser.findElement(By.id("bulk-selected-count")).getText()).isEqualTo("5 selected");
		assertThat(browser.findElement(By.id("bulk-select-all")).getText()).contains("1,500")
			.contains("matching this filter");
		// Only the value field that fits the action shows.
		assertThat(browser.findElement(By.id("bulk-tag")).isDisplayed()).isTrue();
		assertThat(browser.findElement(By.id("bulk-list")).isDisplayed()).isFalse();
		Browser.screenshot(browser, "bulk-bar-1280");
		browser.findElement(By.id("bulk-scope-filter")).click();
		new Select(browser.findElement(By.id("bulk-action"))).selectByValue("tag_add");
		browser.findElement(By.id("bulk-tag")).sendKeys("hot");
		browser.findElement(By.id("bulk-apply")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/contacts/jobs/"));
		String jobId = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
		assertThat(text("job-status")).isEqualTo("Queued");
		assertThat(text("job-text")).isEqualTo("Tagging “hot”: waiting to start (1,500 contacts)…");
		assertThat(text("job-selection")).contains("contacts matching tag lead");
		assertThat(browser.findElement(By.id("job-cancel")).isDisplayed()).isTrue();

		// A worker is half-way (as another node would show it): the page follows by
		// itself.
		fixtures.jdbc()
			.sql("UPDATE contact_bulk_jobs SET status = 'running', done = 600, lease_until = ? WHERE id = ?::uuid")
			.params(java.sql.Timestamp.from(Instant.now().plusSeconds(600)), jobId)
			.update();
		waitForText("job-text", "Tagging “hot”: 600 of 1,500 contacts…");
		Browser.screenshot(browser, "bulk-job-running-1280");

		fixtures.jdbc()
			.sql("UPDATE contact_bulk_jobs SET status = 'queued', done = 0, lease_until = NULL WHERE id = ?::uuid")
			.param(jobId)
			.update();
		while (worker.step(Instant.now())) {
			// Runs the job (and any other waiting one).
		}
		waitForText("job-text", "1,500 tagged.");
		assertThat(text("job-status")).isEqualTo("Done");
		assertThat(Browser.present(browser, By.id("job-cancel"))).isEmpty();
		assertThat(browser.findElement(By.id("job-back")).getAttribute("href")).endsWith("/contacts?tag=lead");
		Browser.screenshot(browser, "bulk-job-done-1280");
		Browser.phone(browser);
		Browser.assertNoSidewaysScroll(browser);
		Browser.screenshot(browser, "bulk-job-done-390");

		browser.get(base + "/test/bulk-bar?tag=lead");
		Browser.assertNoSidewaysScroll(browser);
		Browser.screenshot(browser, "bulk-bar-390");
	}

	@Test
	void anExportOfTheCheckedRowsOffersItsCsvAndTheJobsAreListed() throws Exception {
		Account account = fixtures.verifiedAccount("bulk-browser-export");
		fixtures.jdbc().sql("""
				INSERT INTO contacts (id, workspace_id, email) SELECT gen_random_uuid(), ?, 'p' || g || '@export.test'
				FROM generate_series(1, 3) g""").param(account.workspaceId()).update();
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		browser.get(base + "/test/bulk-bar");
		browser.findElements(By.className("row-select")).get(0).click();
		browser.findElements(By.className("row-select")).get(1).click();
		assertThat(browser.findElement(By.id("bulk-selected-count")).getText()).isEqualTo("2 selected");
		new Select(browser.findElement(By.id("bulk-action"))).selectByValue("export");
		browser.findElement(By.id("bulk-apply")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/contacts/jobs/"));
		assertThat(text("job-text")).isEqualTo("2 exported.");
		assertThat(browser.findElement(By.id("job-download")).getAttribute("href")).endsWith("/download");

		browser.get(base + "/contacts/jobs");
		assertThat(browser.findElement(By.id("jobs")).getText()).contains("Export CSV")
			.contains("2 selected contacts")
			.contains("Done");
		Browser.screenshot(browser, "bulk-jobs-1280");
		Browser.phone(browser);
		browser.get(base + "/contacts/jobs");
		Browser.assertTablesFit(browser, "jobs");
		Browser.assertNoSidewaysScroll(browser);
		Browser.screenshot(browser, "bulk-jobs-390");
	}

	@Test
	void aDeleteJobLeadsBackToTheContactsWithItsFilter() throws Exception {
		Account account = fixtures.verifiedAccount("bulk-browser-delete");
		fixtures.jdbc()
			.sql("""
					INSERT INTO contacts (id, workspace_id, email, tags) SELECT gen_random_uuid(), ?, 'd' || g || '@delete.test',
					    CASE WHEN g < 3 THEN ARRAY['gone'] ELSE '{}'::text[] END
					FROM generate_series(1, 4) g""")
			.param(account.workspaceId())
			.update();
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		browser.get(base + "/contacts?tag=gone");
		browser.findElement(By.id("select-page")).click();
		browser.findElement(By.id("bulk-scope-filter")).click();
		new Select(browser.findElement(By.id("bulk-action"))).selectByValue("delete");
		browser.findElement(By.id("bulk-confirm")).sendKeys("delete");
		browser.findElement(By.id("bulk-apply")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/contacts/jobs/"));
		while (worker.step(Instant.now())) {
			// Runs the job when it did not run before the answer.
		}
		browser.navigate().refresh();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(driver -> driver.findElement(By.id("job-status")).getText().equals("Done"));
		assertThat(browser.findElement(By.id("job-back")).getText()).isEqualTo("Back to contacts");
		assertThat(browser.findElement(By.id("job-back")).getAttribute("href")).endsWith("/contacts?tag=gone");
		assertThat(browser.findElement(By.id("job-back-top")).getAttribute("href")).endsWith("/contacts?tag=gone");
		Browser.screenshot(browser, "bulk-job-deleted-1280");
		browser.findElement(By.id("job-back-top")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/contacts?tag=gone"));
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("No contacts match these filters");
	}

	private String text(String id) {
		return browser.findElement(By.id(id)).getText();
	}

	private void waitForText(String id, String expected) {
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> {
			try {
				WebElement element = driver.findElement(By.id(id));
				return expected.equals(element.getText());
			}
			catch (org.openqa.selenium.StaleElementReferenceException ex) {
				return false;
			}
		});
	}

}
