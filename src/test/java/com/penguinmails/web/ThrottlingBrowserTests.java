package com.penguinmails.web;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

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

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.reputation.internal.throttle.ThrottleEngine;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttling page in a real browser at 1280 and 390 px: the empty state, then a path
 * slowed by Gmail's replies and one suspended by Microsoft's, the decisions with their
 * evidence in words, and an override from the page. The phone width never scrolls
 * sideways.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class ThrottlingBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	ThrottleEngine engine;

	ChromeDriver browser;

	@Test
	void showsThrottledPathsWithTheirEvidenceAndOverridesOne() {
		Account account = fixtures.verifiedAccount("thr-browser");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		browser.get(base + "/reputation/throttling");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Nothing throttled")
			.contains("Check your domains");
		Browser.screenshot(browser, "throttling-empty-1280");

		String email = "sam-" + UUID.randomUUID().toString().substring(0, 8) + "@throttle.test";
		Mailbox mailbox = mailboxes.add(account.owner(),
				new NewMailbox(email, "Sam", "generic",
						new ServerSettings("127.0.0.1", 2525, Security.NONE, email, "pw"),
						new ServerSettings("127.0.0.1", 1143, Security.NONE, email, null), "", "", 30, 60, 300));
		Instant now = Instant.now();
		for (int i = 0; i < 3; i++) {
			engine.signal(account.workspaceId(), mailbox.id(), "p" + i + "@gmail.com", null, null,
					"421-4.7.28 [192.0.2.10] Our system has detected an unusual rate of unsolicited mail originating"
							+ " from your IP address. To protect our users from spam, mail sent from your IP address"
							+ " has been temporarily rate limited. - gsmtp",
					"smtp_deferred", null, now.plusSeconds(i));
		}
		for (int i = 0; i < 2; i++) {
			engine.signal(account.workspaceId(), mailbox.id(), "q" + i + "@hotmail.com", null, null,
					"550 5.7.1 Unfortunately, messages from [192.0.2.10] weren't sent. Please contact your Internet"
							+ " service provider since part of their network is on our block list (S3150).",
					"smtp_failed", null, now.plusSeconds(10 + i));
		}
		browser.navigate().refresh();
		String paths = browser.findElement(By.id("throttle-paths")).getText();
		assertThat(paths).contains(email)
			.contains("Google (Gmail, Workspace)")
			.contains("Slowed")
			.contains("20 an hour, 180 s apart")
			.contains("Microsoft (Outlook.com, Microsoft 365)")
			.contains("Suspended");
		String decisions = browser.findElement(By.id("throttle-decisions")).getText();
		assertThat(decisions).contains("Slowed down")
			.contains("Suspended")
			.doesNotContain("suspend_")
			.doesNotContain("block_listed");
		browser.findElements(By.cssSelector("#throttle-decisions summary")).forEach(WebElement::click);
		assertThat(browser.findElement(By.id("throttle-decisions")).getText()).contains("(S3150)");
		Browser.screenshot(browser, "throttling-1280");

		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.assertNoSidewaysScroll(browser);
		Browser.assertTablesFit(browser, "throttle-paths", "throttle-decisions");
		Browser.screenshot(browser, "throttling-390");

		WebElement row = browser.findElements(By.cssSelector("#throttle-paths tbody tr"))
			.stream()
			.filter(r -> r.getText().contains("Microsoft"))
			.findFirst()
			.orElseThrow();
		row.findElement(By.tagName("summary")).click();
		new Select(row.findElement(By.name("action"))).selectByValue("custom_rate");
		row.findElement(By.name("perHour")).sendKeys("8");
		WebElement old = browser.findElement(By.tagName("main"));
		row.findElement(By.xpath(".//button[text()='Apply']")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(Browser.replaced(old));
		assertThat(browser.findElement(By.tagName("main")).getText())
			.contains("Custom rate set by hand: sending to Microsoft (Outlook.com, Microsoft 365).")
			.contains("8 an hour, 0 s apart")
			.contains("set by hand");
		Browser.assertNoSidewaysScroll(browser);
		Browser.screenshot(browser, "throttling-override-390");
	}

}
