package com.penguinmails.web;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
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

	boolean passed;

	@BeforeEach
	void open() throws Exception {
		browser = Browser.start();
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
		browser.get(base + "/login");
		browser.findElement(By.id("email")).sendKeys(account.email());
		browser.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
		browser.findElement(By.xpath("//button[text()='Log in']")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(base + "/"));
		browser.get(base + "/campaigns/" + id);

		for (int n = 1; n <= 3; n++) {
			click(browser.findElement(By.id("add-step")));
			waitFor(By.id("step-" + n));
		}
		write(1, "First touch", "Hello {{ first_name | default: \"there\" }}");
		save(1);
		write(2, "", "Just bumping this up.");
		save(2);
		write(3, "A new angle", "Different idea here.");
		new Select(browser.findElement(By.id("thread-3"))).selectByValue("true");
		click(browser.findElement(By.cssSelector("#format-3 input[value='html']")));
		save(3);
		show("step-1");
		Browser.screenshot(browser, "step-editor-written-1280");

		// Step 3 moves up: it becomes step 2.
		click(browser.findElement(By.xpath("//article[@id='step-3']//button[text()='Move up']")));
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions
			.textToBePresentInElementLocated(By.cssSelector("#step-2 summary.step-summary"), "new thread"));
		open(2);
		delay(2, "3", "hours");
		save(2);
		assertThat(browser.findElement(By.cssSelector("#step-2 summary.step-summary")).getText())
			.isEqualTo("Step 2 · 3 hours after step 1 · new thread · HTML");
		open(3);
		delay(3, "3", "hours");
		delay(3, "2", "days");
		save(3);

		browser.navigate().refresh();
		assertThat(summaries()).containsExactly("Step 1 · at the start · plain text",
				"Step 2 · 3 hours after step 1 · new thread · HTML",
				"Step 3 · 2 days after step 2 · same thread · plain text");
		assertThat(value("delay-2")).isEqualTo("3");
		assertThat(value("unit-2")).isEqualTo("hours");
		assertThat(value("delay-3")).isEqualTo("2");
		assertThat(value("unit-3")).isEqualTo("days");
		assertThat(value("thread-2")).isEqualTo("true");
		assertThat(value("thread-3")).isEqualTo("false");
		// Switched to HTML, the plain text became a paragraph.
		assertThat(value("body-2-A")).isEqualTo("<p>Different idea here.</p>");
		assertThat(value("body-3-A")).isEqualTo("Just bumping this up.");
		Campaign saved = campaigns.get(account.owner(), id);
		assertThat(saved.steps().get(1).delayMinutes()).isEqualTo(180);
		assertThat(saved.steps().get(1).delayUnit()).isEqualTo(DelayUnit.HOURS);
		assertThat(saved.steps().get(1).format()).isEqualTo(StepFormat.HTML);
		assertThat(saved.steps().get(2).delayMinutes()).isEqualTo(2 * 24 * 60);

		// An edit not saved is autosaved as a draft: shown after a reload, not used.
		open(1);
		browser.findElement(By.id("body-1-A")).sendKeys(" Still thinking.");
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-1"), "not yet in use"));
		browser.navigate().refresh();
		assertThat(value("body-1-A")).endsWith("Still thinking.");
		assertThat(browser.findElement(By.id("status-1")).getText()).contains("Draft saved").contains("Save to use it");
		assertThat(campaigns.get(account.owner(), id).steps().get(0).variants().get(0).text())
			.doesNotContain("Still thinking");
		show("sequence");
		Browser.screenshot(browser, "step-editor-draft-1280");

		// The draft can be thrown away: the step is back as last saved.
		open(1);
		click(browser.findElement(By.xpath("//article[@id='step-1']//button[text()='Discard draft']")));
		browser.switchTo().alert().accept();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions
			.textToBePresentInElementLocated(By.id("step-1"), "Draft discarded: the step is as last saved."));
		assertThat(value("body-1-A")).doesNotContain("Still thinking");
		assertThat(campaigns.get(account.owner(), id).steps().get(0).draft()).isNull();

		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.assertNoSidewaysScroll(browser);
		show("sequence");
		Browser.screenshot(browser, "step-editor-390");
		open(2);
		Browser.assertNoSidewaysScroll(browser);
		show("step-2");
		Browser.screenshot(browser, "step-editor-open-390");
		passed = true;
	}

	/**
	 * Clicks as a person would after scrolling it into view (below the sticky top bar).
	 */
	private void click(WebElement element) {
		browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
		element.click();
	}

	/**
	 * Scrolls the element to the top of the window, below the top bar (for a screenshot).
	 */
	private void show(String id) {
		browser.executeScript("window.scrollTo(0, document.getElementById(arguments[0]).offsetTop - 70);", id);
	}

	private void write(int n, String subject, String body) {
		WebElement subjectField = browser.findElement(By.id("subject-" + n + "-A"));
		subjectField.clear();
		subjectField.sendKeys(subject);
		WebElement bodyField = browser.findElement(By.id("body-" + n + "-A"));
		bodyField.clear();
		bodyField.sendKeys(body);
	}

	private void delay(int n, String amount, String unit) {
		WebElement field = browser.findElement(By.id("delay-" + n));
		field.clear();
		field.sendKeys(amount);
		new Select(browser.findElement(By.id("unit-" + n))).selectByValue(unit);
	}

	/** Saves step {@code n} and waits for its card to say so. */
	private void save(int n) {
		// The card is replaced by the answer: wait for a new one that says "Saved".
		WebElement before = browser.findElement(By.id("status-" + n));
		click(browser.findElement(By.xpath("//article[@id='step-" + n + "']//button[text()='Save']")));
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(before));
		new WebDriverWait(browser, Duration.ofSeconds(20))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-" + n), "Saved"));
	}

	/** Opens a closed card (its summary toggles it). */
	private void open(int n) {
		WebElement details = browser.findElement(By.cssSelector("#step-" + n + " > details"));
		if (details.getDomAttribute("open") == null) {
			click(browser.findElement(By.cssSelector("#step-" + n + " summary.step-summary")));
		}
	}

	private List<String> summaries() {
		return browser.findElements(By.cssSelector(".step-card summary.step-summary"))
			.stream()
			.map(summary -> summary.getDomProperty("textContent").strip())
			.toList();
	}

	private String value(String id) {
		return browser.findElement(By.id(id)).getDomProperty("value");
	}

	private void waitFor(By element) {
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(element));
	}

}
