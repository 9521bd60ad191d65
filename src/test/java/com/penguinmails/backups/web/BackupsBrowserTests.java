package com.penguinmails.backups.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backups page in a real browser at 1280 and 390 px: "Back up now" shows the backup
 * running, the table refreshes itself (htmx) until it is done and verified; the phone
 * width reads the table as cards and never scrolls sideways.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class BackupsBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	ChromeDriver browser;

	@Test
	void backUpNowShowsTheBackupRunningThenVerified() {
		Fixtures.Account admin = BackupsAdmin.of(fixtures);
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, admin.email());
		browser.get(base + "/system/backups");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Backups");
		assertThat(browser.findElement(By.id("next-format")).getText()).matches(
				"New backups are made with (the built-in copy: no pg_dump of PostgreSQL 1[0-9] or newer .*|pg_dump .+)\\.");

		browser.findElement(By.id("backup-now")).click();
		// htmx replaces the table every 2 s while the backup runs: a found element may
		// go stale before it is read.
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
		wait.ignoring(StaleElementReferenceException.class);
		wait.until(d -> d.findElement(By.id("backups")).getText().contains("Manual"));
		Browser.screenshot(browser, "backups-running-1280");
		wait.until(d -> {
			String table = d.findElement(By.id("backups-rows")).getText();
			return !table.contains("Running") && table.contains("Row counts matched");
		});
		String table = browser.findElement(By.id("backups")).getText();
		assertThat(table).contains("Manual").contains("Done").contains("Yes").doesNotContain("manual");
		// What made it, under its kind: the built-in copy here (the packaged pg_dump is
		// older than the embedded server), pg_dump where a new enough one is installed.
		assertThat(browser.findElement(By.cssSelector("#backups .made-with")).getText())
			.matches("Built-in copy|pg_dump .+");
		// A stored backup has its signed download link.
		assertThat(browser.findElements(By.cssSelector("#backups a.backup-download")).get(0).getAttribute("href"))
			.contains("/system/backups/download/");
		Browser.screenshot(browser, "backups-1280");

		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.assertNoSidewaysScroll(browser);
		Browser.assertTablesFit(browser, "backups");
		Browser.screenshot(browser, "backups-390");
	}

}
