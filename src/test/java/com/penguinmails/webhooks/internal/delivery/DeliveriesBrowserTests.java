package com.penguinmails.webhooks.internal.delivery;

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

import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;
import com.penguinmails.support.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery log pages in a real browser at 1280 and 390 px: the empty state, a log
 * with a delivered and a failing delivery, search by status, the attempt detail with
 * request and response, a replay, and the range replay form. The phone width never
 * scrolls sideways.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class DeliveriesBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	DeliveryFixtures hooks;

	@Autowired
	WebhookSender sender;

	ChromeDriver browser;

	@Test
	void showsTheLogSearchesItOpensAnAttemptAndReplays() throws Exception {
		Account account = fixtures.verifiedAccount("webhook-log-browser");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		browser.get(base + "/settings/webhooks/deliveries");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("No deliveries yet")
			.contains("Go to your endpoints")
			.doesNotContain("No delivery matches");
		Browser.screenshot(browser, "webhook-deliveries-empty-1280");

		try (WebhookReceiver receiver = WebhookReceiver.start("127.0.0.1")) {
			UUID endpoint = hooks.endpoint(account.workspaceId(), receiver.url("/hooks/penguinmails"),
					DeliveryFixtures.whsec());
			UUID bounced = hooks.event(account.workspaceId(), "message.bounced", "contact-1");
			hooks.event(account.workspaceId(), "message.opened", "contact-2");
			receiver.otherwise(r -> r.webhookId().equals(bounced.toString()) ? WebhookReceiver.Answer.status(503)
					: WebhookReceiver.Answer.ok());
			sender.round(Instant.now());

			browser.navigate().refresh();
			String table = browser.findElement(By.id("deliveries")).getText();
			assertThat(table).contains("Message bounced")
				.contains("Message opened")
				.contains("Delivered")
				.contains("Pending")
				.contains("503")
				.doesNotContain("message.bounced");
			Browser.screenshot(browser, "webhook-deliveries-1280");

			new Select(browser.findElement(By.name("status"))).selectByVisibleText("Delivered");
			WebElement old = browser.findElement(By.tagName("main"));
			browser.findElement(By.xpath("//button[text()='Search']")).click();
			new WebDriverWait(browser, Duration.ofSeconds(10)).until(Browser.replaced(old));
			assertThat(browser.findElements(By.cssSelector("#deliveries tbody tr"))).hasSize(1);
			browser.get(base + "/settings/webhooks/deliveries?http=418");
			assertThat(browser.findElement(By.tagName("main")).getText()).as("one empty state, the search's")
				.contains("No delivery matches")
				.doesNotContain("No deliveries yet");

			browser.get(base + "/settings/webhooks/" + endpoint + "/deliveries?status=pending");
			assertThat(browser.findElement(By.id("replay-range")).getText()).contains("Replay failed in a time range");
			browser.findElement(By.cssSelector("#deliveries tbody tr a")).click();
			String detail = browser.findElement(By.tagName("main")).getText();
			assertThat(detail).contains("Message bounced")
				.contains("Attempt 1")
				.contains("HTTP 503")
				.contains("webhook-signature: v1,")
				.contains(bounced.toString());
			browser.findElements(By.tagName("summary")).get(1).click();
			assertThat(browser.findElement(By.tagName("main")).getText()).contains("status 503");
			Browser.screenshot(browser, "webhook-attempt-1280");

			old = browser.findElement(By.tagName("main"));
			browser.findElement(By.id("replay")).click();
			new WebDriverWait(browser, Duration.ofSeconds(10)).until(Browser.replaced(old));
			assertThat(browser.findElement(By.tagName("main")).getText()).contains("Replay queued");
			receiver.otherwise(r -> WebhookReceiver.Answer.ok());
			sender.round(Instant.now().plusSeconds(1));
			browser.navigate().refresh();
			assertThat(browser.findElement(By.tagName("main")).getText()).contains("Attempt 2")
				.contains("replay")
				.contains("Delivered");

			Browser.phone(browser);
			browser.navigate().refresh();
			Browser.assertNoSidewaysScroll(browser);
			Browser.screenshot(browser, "webhook-attempt-390");
			browser.get(base + "/settings/webhooks/deliveries");
			Browser.assertNoSidewaysScroll(browser);
			Browser.assertTablesFit(browser, "deliveries");
			Browser.screenshot(browser, "webhook-deliveries-390");
			browser.get(base + "/settings/webhooks/" + endpoint + "/deliveries");
			Browser.assertNoSidewaysScroll(browser);
			Browser.screenshot(browser, "webhook-endpoint-deliveries-390");
		}
	}

	@Test
	void aBadSearchSaysWhatIsWrongOnThePage() throws Exception {
		Account account = fixtures.verifiedAccount("webhook-log-bad");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		browser.get(base + "/settings/webhooks/deliveries?http=abc&from=yesterday");
		assertThat(browser.findElement(By.tagName("main")).getText())
			.contains("An HTTP status is a number from 100 to 599.");
	}

}
