package com.penguinmails.web;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
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
 * The contacts table and its bulk bar together in a real browser: filtered to a tag, "all
 * matching this filter" tags exactly the matching contacts (not the page, not the
 * others), and the table filtered by the new tag counts them.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class ContactsBulkBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ContactBulkWorker worker;

	ChromeDriver browser;

	@Test
	void selectAllMatchingAFilterThenTagCountsRight() throws Exception {
		Account account = fixtures.verifiedAccount("contacts-bulk-browser");
		// 130 leads (more than a page) among 175 contacts.
		fixtures.jdbc().sql("""
				INSERT INTO contacts (id, workspace_id, email, company, tags)
				SELECT gen_random_uuid(), ?, 'person' || g || '@bulk.test', 'Company ' || g,
				    CASE WHEN g % 7 < 5 THEN ARRAY['lead'] ELSE '{}'::text[] END
				FROM generate_series(1, 175) g""").param(account.workspaceId()).update();
		long leads = fixtures.jdbc()
			.sql("SELECT count(*) FROM contacts WHERE workspace_id = ? AND 'lead' = ANY (tags)")
			.param(account.workspaceId())
			.query(Long.class)
			.single();
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());

		browser.get(base + "/contacts?tag=lead");
		assertThat(browser.findElement(By.id("contact-count")).getText()).contains(String.valueOf(leads));
		browser.findElement(By.id("select-page")).click();
		assertThat(browser.findElement(By.id("bulk-selected-count")).getText()).endsWith("selected");
		browser.findElement(By.id("bulk-scope-filter")).click();
		new Select(browser.findElement(By.id("bulk-action"))).selectByValue("tag_add");
		browser.findElement(By.id("bulk-tag")).sendKeys("hot");
		Browser.screenshot(browser, "contacts-bulk-1280");
		browser.findElement(By.id("bulk-apply")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/contacts/jobs/"));
		while (worker.step(Instant.now())) {
			// Runs the job when it did not run before the answer.
		}
		browser.navigate().refresh();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(driver -> driver.findElement(By.id("job-status")).getText().equals("Done"));
		assertThat(browser.findElement(By.id("job-text")).getText()).isEqualTo(leads + " tagged.");

		browser.get(base + "/contacts?tag=hot");
		assertThat(browser.findElement(By.id("contact-count")).getText()).contains(leads + " of 175");
		long hot = fixtures.jdbc()
			.sql("SELECT count(*) FROM contacts WHERE workspace_id = ? AND 'hot' = ANY (tags)")
			.param(account.workspaceId())
			.query(Long.class)
			.single();
		assertThat(hot).isEqualTo(leads);
		long hotButNotLead = fixtures.jdbc()
			.sql("SELECT count(*) FROM contacts WHERE workspace_id = ? AND 'hot' = ANY (tags)"
					+ " AND NOT 'lead' = ANY (tags)")
			.param(account.workspaceId())
			.query(Long.class)
			.single();
		assertThat(hotButNotLead).isZero();
		Browser.phone(browser);
		Browser.assertNoSidewaysScroll(browser);
		Browser.screenshot(browser, "contacts-bulk-390");
	}

	@Test
	void aDeleteWithoutItsConfirmationKeepsTheSelectionAndSaysWhy() throws Exception {
		Account account = fixtures.verifiedAccount("contacts-bulk-confirm");
		fixtures.jdbc().sql("""
				INSERT INTO contacts (id, workspace_id, email, tags)
				SELECT gen_random_uuid(), ?, 'keep' || g || '@bulk.test', ARRAY['lead']
				FROM generate_series(1, 3) g""").param(account.workspaceId()).update();
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		browser.get(base + "/contacts?tag=lead");
		var boxes = browser.findElements(By.cssSelector("#contacts input.row-select"));
		boxes.get(0).click();
		boxes.get(2).click();
		new Select(browser.findElement(By.id("bulk-action"))).selectByValue("delete");
		browser.findElement(By.id("bulk-apply")).click();
		assertThat(browser.findElement(By.id("bulk-problem")).getText())
			.isEqualTo("To delete, type delete in the confirmation box.");
		assertThat(browser.getCurrentUrl()).endsWith("/contacts?tag=lead");
		assertThat(browser.findElements(By.cssSelector("#contacts input.row-select:checked"))).hasSize(2);
		assertThat(browser.findElement(By.id("bulk-confirm")).getAttribute("aria-invalid")).isEqualTo("true");
		Browser.screenshot(browser, "contacts-bulk-confirm-1280");

		// Without the page's script (the server refuses): back on the same filter, the
		// same
		// rows still checked and delete still chosen.
		browser.executeScript("document.getElementById('bulk-form').noValidate = true;"
				+ "HTMLFormElement.prototype.submit.call(document.getElementById('bulk-form'));");
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "type delete"));
		assertThat(browser.getCurrentUrl()).endsWith("/contacts?tag=lead");
		assertThat(browser.findElements(By.cssSelector("#contacts input.row-select:checked"))).hasSize(2);
		assertThat(new Select(browser.findElement(By.id("bulk-action"))).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("delete");
		long left = fixtures.jdbc()
			.sql("SELECT count(*) FROM contacts WHERE workspace_id = ?")
			.param(account.workspaceId())
			.query(Long.class)
			.single();
		assertThat(left).isEqualTo(3);
		Browser.phone(browser);
		Browser.assertNoSidewaysScroll(browser);
		Browser.screenshot(browser, "contacts-bulk-confirm-390");
	}

}
