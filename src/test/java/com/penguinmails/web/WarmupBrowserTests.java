package com.penguinmails.web;

import java.time.Duration;
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

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warmup pages in a real browser at 1280 and 390 px: the first-run empty state, the
 * pool settings, turning a mailbox's warmup on from the list, its schedule page with the
 * custom numbers shown only for the custom preset, a refused value shown on the page with
 * what was typed kept, and the days table. The phone width never scrolls sideways.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class WarmupBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	ChromeDriver browser;

	/**
	 * Clicks the form's button and waits for the page it answers with: the URL may stay
	 * the same (Post/Redirect/Get to the same page, or a page shown again with its
	 * error), so it waits for the old page to go rather than for a URL.
	 */
	private void submit(String button) {
		org.openqa.selenium.WebElement old = browser.findElement(By.tagName("main"));
		browser.findElement(By.xpath("//button[text()='" + button + "']")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(Browser.replaced(old));
	}

	private void wait(String url) {
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(url));
	}

	@Test
	void turnsWarmupOnAndEditsTheSchedule() throws Exception {
		Account account = fixtures.verifiedAccount("warmup-browser");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());

		browser.findElement(By.linkText("Warmup")).click();
		wait(base + "/warmup");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("No mailbox to warm yet")
			.contains("Connect a mailbox");
		Browser.screenshot(browser, "warmup-empty-1280");

		String email = "sam-" + UUID.randomUUID().toString().substring(0, 8) + "@warm.test";
		Mailbox mailbox = mailboxes.add(account.owner(),
				new NewMailbox(email, "Sam", "generic",
						new ServerSettings("127.0.0.1", 2525, Security.NONE, email, "pw"),
						new ServerSettings("127.0.0.1", 1143, Security.NONE, email, null), "", "", 30, 60, 300));
		browser.navigate().refresh();
		assertThat(browser.findElement(By.id("warmup-mailboxes")).getText()).contains(email)
			.contains("Off")
			.contains("Not measured yet");
		submit("Turn on");
		wait(base + "/warmup");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains(email + ": warmup on (Day 1 of ramp).");
		assertThat(browser.findElement(By.id("warmup-mailboxes")).getText()).contains("On")
			.contains("Day 1 of ramp")
			.contains("0 of 3 sent");

		new Select(browser.findElement(By.id("defaultPreset"))).selectByValue("aggressive");
		browser.findElement(By.id("spamThresholdPercent")).clear();
		browser.findElement(By.id("spamThresholdPercent")).sendKeys("15");
		submit("Save pool settings");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Pool settings saved.");
		assertThat(browser.findElement(By.id("spamThresholdPercent")).getAttribute("value")).isEqualTo("15");
		Browser.screenshot(browser, "warmup-1280");

		browser.findElement(By.linkText(email)).click();
		wait(base + "/warmup/mailboxes/" + mailbox.id());
		// The health fragment replaces its placeholder once loaded.
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(d -> d.findElement(By.id("warmup-health")).getText().contains("Not measured yet"));
		// Turned on today: today and the next 7 days, no empty days before it existed.
		assertThat(browser.findElements(By.cssSelector("#warmup-days tbody tr"))).hasSize(8);
		assertThat(browser.findElement(By.cssSelector("#warmup-days tr.today")).getText()).contains("(today)")
			.contains("100 %")
			.contains("—");
		// Nothing is queued until the loop plans the day: the page says so and when mail
		// goes.
		assertThat(browser.findElement(By.tagName("main")).getText()).contains(
				"Today's messages are planned within a minute of turning warmup on and go between 08:00 and 18:00 (UTC).");
		assertThat(browser.findElement(By.cssSelector("fieldset.warmup-custom")).isDisplayed()).isFalse();
		new Select(browser.findElement(By.id("preset"))).selectByValue("custom");
		assertThat(browser.findElement(By.cssSelector("fieldset.warmup-custom")).isDisplayed()).isTrue();
		browser.findElement(By.name("startPerDay")).clear();
		browser.findElement(By.name("startPerDay")).sendKeys("12");
		browser.findElement(By.name("maxPerDay")).clear();
		browser.findElement(By.name("maxPerDay")).sendKeys("10");
		browser.executeScript("document.getElementById('schedule').noValidate = true");
		submit("Save schedule");
		assertThat(browser.findElement(By.tagName("main")).getText())
			.contains("must be at least the first day's volume");
		assertThat(browser.findElement(By.name("startPerDay")).getAttribute("value")).isEqualTo("12");
		browser.findElement(By.name("maxPerDay")).clear();
		browser.findElement(By.name("maxPerDay")).sendKeys("30");
		submit("Save schedule");
		wait(base + "/warmup/mailboxes/" + mailbox.id());
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Schedule saved.");
		assertThat(browser.findElement(By.cssSelector("#warmup-days tr.today")).getText())
			.startsWith(browser.findElement(By.cssSelector("#warmup-days tr.today td")).getText() + " 12");
		Browser.screenshot(browser, "warmup-mailbox-1280");
		// The pool found it no partner today (as WarmupPool.planDay records it): the list
		// says so.
		fixtures.jdbc()
			.sql("INSERT INTO warmup_unplanned (mailbox_id, day, reason) VALUES (?, ?, ?)")
			.params(mailbox.id(), java.sql.Date.valueOf(java.time.LocalDate.now(java.time.ZoneOffset.UTC)),
					"No partner: no other warmup mailbox in its pool.")
			.update();
		browser.get(base + "/warmup");
		assertThat(browser.findElement(By.cssSelector("#warmup-mailboxes a.badge.warn")).getAttribute("title"))
			.isEqualTo("No partner: no other warmup mailbox in its pool.");
		browser.findElement(By.cssSelector("#warmup-mailboxes a.badge.warn")).click();
		wait(base + "/warmup/mailboxes/" + mailbox.id());
		assertThat(browser.findElement(By.tagName("main")).getText())
			.contains("Fewer threads than planned today. No partner: no other warmup mailbox in its pool.");

		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.assertNoSidewaysScroll(browser);
		Browser.screenshot(browser, "warmup-mailbox-390");
		browser.get(base + "/warmup");
		Browser.assertNoSidewaysScroll(browser);
		Browser.screenshot(browser, "warmup-390");
		browser.get(base + "/mailboxes/" + mailbox.id());
		browser.findElement(By.id("warmup-link")).click();
		wait(base + "/warmup/mailboxes/" + mailbox.id());
	}

}
