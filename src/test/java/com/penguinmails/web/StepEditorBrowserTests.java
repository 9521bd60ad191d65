package com.penguinmails.web;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.campaigns.DelayUnit;
import com.penguinmails.campaigns.StepFormat;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.StepCards;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The campaign page's step editor in a real browser: three steps added and written card
 * by card, step 3 moved up, a delay changed to 3 hours and back to 2 days; after a reload
 * the page shows exactly what was entered (delays in their unit, order, thread, format).
 * An unsaved edit is autosaved as a draft that survives a reload without being used. At
 * 390 px the cards stack without sideways scrolling.
 */
@IntegrationTest
class StepEditorBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Campaigns campaigns;

	ChromeDriver browser;

	StepCards cards;

	boolean passed;

	@BeforeEach
	void open() throws Exception {
		browser = Browser.start();
		cards = new StepCards(browser);
	}

	@AfterEach
	void close() {
		if (browser != null) {
			if (!passed) {
				System.out.println("Screenshot of the failure: " + Browser.screenshot(browser, "step-editor-failure"));
			}
			browser.quit();
		}
	}

	@Test
	void stepsAreWrittenReorderedAndKeptExactlyAsEntered() throws Exception {
		Account account = fixtures.verifiedAccount("step-editor");
		UUID id = campaigns.create(account.owner(), new Draft("Step editor", null, null, null, null)).id();
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		browser.get(base + "/campaigns/" + id);

		for (int n = 1; n <= 3; n++) {
			cards.click(browser.findElement(By.id("add-step")));
			waitFor(By.id("step-" + n));
		}
		cards.write(1, "First touch", "Hello {{ first_name | default: \"there\" }}");
		cards.save(1);
		cards.write(2, "", "Just bumping this up.");
		cards.save(2);
		cards.write(3, "A new angle", "Different idea here.");
		new Select(browser.findElement(By.id("thread-3"))).selectByValue("true");
		cards.click(browser.findElement(By.cssSelector("#format-3 input[value='html']")));
		cards.save(3);
		cards.show("step-1");
		Browser.screenshot(browser, "step-editor-written-1280");

		// Step 3 moves up: it becomes step 2.
		cards.click(browser.findElement(By.xpath("//article[@id='step-3']//button[text()='Move up']")));
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions
			.textToBePresentInElementLocated(By.cssSelector("#step-2 summary.step-summary"), "new thread"));
		cards.open(2);
		cards.delay(2, "3", "hours");
		cards.save(2);
		assertThat(browser.findElement(By.cssSelector("#step-2 summary.step-summary")).getText())
			.isEqualTo("Step 2 · 3 hours after step 1 · new thread · HTML");
		cards.open(3);
		cards.delay(3, "3", "hours");
		cards.delay(3, "2", "days");
		cards.save(3);

		browser.navigate().refresh();
		assertThat(cards.summaries()).containsExactly("Step 1 · at the start · plain text",
				"Step 2 · 3 hours after step 1 · new thread · HTML",
				"Step 3 · 2 days after step 2 · same thread · plain text");
		assertThat(cards.value("delay-2")).isEqualTo("3");
		assertThat(cards.value("unit-2")).isEqualTo("hours");
		assertThat(cards.value("delay-3")).isEqualTo("2");
		assertThat(cards.value("unit-3")).isEqualTo("days");
		assertThat(cards.value("thread-2")).isEqualTo("true");
		assertThat(cards.value("thread-3")).isEqualTo("false");
		// Switched to HTML, the plain text became a paragraph.
		assertThat(cards.value("body-2-A")).isEqualTo("<p>Different idea here.</p>");
		assertThat(cards.value("body-3-A")).isEqualTo("Just bumping this up.");
		Campaign saved = campaigns.get(account.owner(), id);
		assertThat(saved.steps().get(1).delayMinutes()).isEqualTo(180);
		assertThat(saved.steps().get(1).delayUnit()).isEqualTo(DelayUnit.HOURS);
		assertThat(saved.steps().get(1).format()).isEqualTo(StepFormat.HTML);
		assertThat(saved.steps().get(2).delayMinutes()).isEqualTo(2 * 24 * 60);

		// An edit not saved is autosaved as a draft: shown after a reload, not used.
		cards.open(1);
		browser.findElement(By.id("body-1-A")).sendKeys(" Still thinking.");
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-1"), "not yet in use"));
		browser.navigate().refresh();
		assertThat(cards.value("body-1-A")).endsWith("Still thinking.");
		assertThat(browser.findElement(By.id("status-1")).getText()).contains("Draft saved").contains("Save to use it");
		assertThat(campaigns.get(account.owner(), id).steps().get(0).variants().get(0).text())
			.doesNotContain("Still thinking");
		cards.show("sequence");
		Browser.screenshot(browser, "step-editor-draft-1280");

		// The draft can be thrown away: the step is back as last saved.
		cards.open(1);
		cards.click(browser.findElement(By.xpath("//article[@id='step-1']//button[text()='Discard draft']")));
		browser.switchTo().alert().accept();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions
			.textToBePresentInElementLocated(By.id("step-1"), "Draft discarded: the step is as last saved."));
		assertThat(cards.value("body-1-A")).doesNotContain("Still thinking");
		assertThat(campaigns.get(account.owner(), id).steps().get(0).draft()).isNull();

		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.assertNoSidewaysScroll(browser);
		cards.show("sequence");
		Browser.screenshot(browser, "step-editor-390");
		cards.open(2);
		Browser.assertNoSidewaysScroll(browser);
		cards.show("step-2");
		Browser.screenshot(browser, "step-editor-open-390");
		passed = true;
	}

	private void waitFor(By element) {
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(element));
	}

}
