package com.penguinmails.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.campaigns.CampaignScheduler;
import com.penguinmails.delivery.Dispatcher;
import com.penguinmails.inbound.InboundSync;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new user's first minutes in a real browser: sign up, confirm the address from the
 * sandbox, click "Try it in the sandbox", see the demo mail arrive on the sandbox page,
 * answer one, see the reply in the inbox and the checklist tick. The scheduler, the
 * dispatcher and the inbound sync are off in tests, so the test runs them where the
 * application's loops would (every 5 s, every second, at IMAP IDLE or within a minute).
 */
@IntegrationTest
class OnboardingJourneyBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	CampaignScheduler scheduler;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	InboundSync sync;

	ChromeDriver browser;

	boolean passed;

	WebDriverWait wait;

	@BeforeEach
	void open() throws Exception {
		browser = Browser.start();
		wait = new WebDriverWait(browser, Duration.ofSeconds(20));
	}

	@AfterEach
	void close() {
		if (browser != null) {
			if (!passed) {
				System.out.println("Screenshot of the failure: " + Browser.screenshot(browser, "onboarding-journey"));
			}
			browser.quit();
		}
	}

	@Test
	void signUpTryTheSandboxAnswerAndSeeTheReplyAndTheChecklistTick() throws Exception {
		long started = System.nanoTime();
		String email = Fixtures.uniqueEmail("onboarding");
		String base = "http://localhost:" + port;
		browser.get(base + "/signup");
		browser.findElement(By.id("email")).sendKeys(email);
		browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
		browser.findElement(By.id("displayName")).sendKeys("Nia New");
		browser.findElement(By.id("workspaceName")).sendKeys("Nia Outreach");
		browser.findElement(By.cssSelector("main form button[type=submit]")).click();
		heading("Check your email");
		browser.findElement(By.linkText("sandbox mailbox")).click();
		browser.findElement(By.xpath("//tr[td[contains(., '" + email + "')]]")).findElement(By.tagName("a")).click();
		browser.findElement(By.partialLinkText("/verify-email?token=")).click();
		heading("Log in");
		browser.findElement(By.id("email")).sendKeys(email);
		browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
		browser.findElement(By.xpath("//button[text()='Log in']")).click();
		heading("Nia Outreach");
		assertThat(text("checklist-progress")).isEqualTo("0 of 7 done");
		Browser.screenshot(browser, "home-new-1280");

		browser.findElement(By.id("try-sandbox")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Demo launched"));
		Map<String, Object> demo = fixtures.jdbc().sql("""
				SELECT m.workspace_id, m.id, m.email, u.id AS user_id FROM mailboxes m
				JOIN memberships s ON s.workspace_id = m.workspace_id JOIN users u ON u.id = s.user_id
				WHERE u.email = ?""").param(email).query().singleRow();
		String tag = demo.get("email").toString().substring(5, 11);
		// The scheduler's tick and the dispatcher's loop, as they would run in the next
		// minute.
		java.time.Instant now = java.time.Instant.now();
		scheduler.tick(now);
		while (dispatcher.dispatch(now.plusSeconds(60), 100) > 0) {
			// drain: the demo mailbox's gaps are 2 to 5 seconds
		}

		browser.findElement(By.linkText("sandbox mail page")).click();
		String ada = "ada." + tag + "@example.test";
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sandbox-mails"), ada));
		Browser.screenshot(browser, "sandbox-demo-mail-1280");
		browser.findElement(By.xpath("//tr[td[contains(., '" + ada + "')]]")).findElement(By.tagName("a")).click();
		browser.findElement(By.xpath("//section[@id='answer']//button[text()='Reply']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "next sync"));

		// The mailbox's next sync (IMAP IDLE wakes it within seconds in the application).
		sync.sync((UUID) demo.get("workspace_id"), (UUID) demo.get("id"));
		fixtures.awaitEvents("DailyRollup");
		fixtures.enrolmentEventsHandled();
		browser.get(base + "/inbox");
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("threads"), ada));

		browser.get(base + "/");
		assertThat(text("checklist-progress")).isEqualTo("4 of 7 done");
		assertThat(browser.findElement(By.id("step-first-reply")).getAttribute("data-done")).isEqualTo("yes");
		assertThat(browser.findElement(By.id("step-warmup")).getText()).contains("To do");
		assertThat(browser.findElement(By.id("figures")).getText()).contains("20.0%");
		wait.until(d -> "yes".equals(d.findElement(By.id("dashboard-chart")).getAttribute("data-drawn")));
		Account account = new Account((UUID) demo.get("user_id"), (UUID) demo.get("workspace_id"), email);
		assertFiguresEqualTheApis(account);
		long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
		System.out.println("JOURNEY sign-up to a reply in the inbox and the checklist at 4 of 7: " + seconds + " s");
		Browser.screenshot(browser, "home-1280");
		browser.executeScript("document.getElementById('figures').scrollIntoView()");
		Browser.screenshot(browser, "home-figures-1280");
		browser.manage().window().setSize(new Dimension(390, 844));
		browser.navigate().refresh();
		wait.until(d -> "yes".equals(d.findElement(By.id("dashboard-chart")).getAttribute("data-drawn")));
		Browser.screenshot(browser, "home-390");
		browser.executeScript("document.getElementById('figures').scrollIntoView()");
		Browser.screenshot(browser, "home-figures-390");
		assertThat(scrollsSideways()).as("home page at 390 px").isFalse();
		browser.manage().window().setSize(new Dimension(1280, 900));

		// Centred first: scrolled up to from #figures, it would sit under the sticky top
		// bar.
		org.openqa.selenium.WebElement remove = browser.findElement(By.id("remove-demo"));
		browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", remove);
		remove.click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Demo data removed"));
		assertThat(browser.findElements(By.id("try-sandbox"))).hasSize(1);
		passed = true;
	}

	/** Each period's row of the page shows what {@code GET /api/v1/dashboard} says. */
	private void assertFiguresEqualTheApis(Account account) throws Exception {
		JsonNode api = fixtures.api(account, "campaigns:read", "mailboxes:read", "domains:read", "workspace:read")
			.get("/api/v1/dashboard")
			.body();
		Map<String, String> periods = Map.of("Today", "today", "7 days", "last7Days", "30 days", "last30Days");
		for (var period : periods.entrySet()) {
			JsonNode figures = api.get(period.getValue());
			List<String> cells = browser
				.findElements(By.xpath("//section[@id='figures']//tr[th[text()='" + period.getKey() + "']]/td"))
				.stream()
				.map(cell -> cell.getText())
				.toList();
			assertThat(cells).as(period.getKey())
				.containsExactly(figures.get("sent").asText(), figures.get("delivered").asText(),
						figures.get("repliedPeople").asText(),
						String.format(java.util.Locale.ROOT, "%.1f%%", figures.get("replyRate").asDouble() * 100),
						figures.get("positive").asText(), figures.get("bounced").asText(),
						figures.get("complained").asText(), figures.get("unsubscribed").asText());
		}
		assertThat(api.at("/today/sent").asLong()).isEqualTo(5);
	}

	private String text(String id) {
		return browser.findElement(By.id(id)).getText();
	}

	private void heading(String text) {
		wait.until(ExpectedConditions.textToBe(By.tagName("h1"), text));
	}

	private boolean scrollsSideways() {
		return (Boolean) browser
			.executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;");
	}

}
