package com.penguinmails.campaigns;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.contacts.Contact;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.StepCards;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's journey in a real browser: a 3-step sequence built from library templates
 * ("Use in" a new campaign, then "the end of" it twice), step 3 moved up, a delay changed
 * to 3 hours and back to days, reloaded and shown exactly as entered; the live preview
 * expanding spintax ("Show all 6 variants"); the deliverability check flagging a spam
 * phrase as it is typed; and a visual-editor edit of an HTML step that survives a reload
 * and is what the scheduler sends. Prints the time until the editor page is ready and
 * until the visual editor is.
 */
@IntegrationTest
class SequenceWritingBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Campaigns campaigns;

	@Autowired
	CampaignScheduler scheduler;

	@Autowired
	CampaignFixtures setup;

	ChromeDriver browser;

	StepCards cards;

	WebDriverWait wait;

	boolean passed;

	@BeforeEach
	void open() throws Exception {
		browser = Browser.start();
		cards = new StepCards(browser);
		wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		// htmx swaps a card while a condition reads it: read again.
		wait.ignoring(StaleElementReferenceException.class);
	}

	@AfterEach
	void close() {
		if (browser != null) {
			if (!passed) {
				System.out.println("Screenshot of the failure: " + Browser.screenshot(browser, "sequence-failure"));
				System.out.println("Page errors: " + browser.executeScript("return window.__errors;"));
				System.out.println("Step 1: " + browser
					.executeScript("var c = document.getElementById('step-1'); return [c.dataset.stepEditor, "
							+ "!!c.querySelector('.CodeMirror'), !!window.PenguinCodeEditor, "
							+ "c.querySelector('textarea[name=body]').outerHTML.slice(0, 200)];"));
			}
			browser.quit();
		}
	}

	@Test
	void aSequenceFromTheLibraryIsEditedPreviewedCheckedAndSent() throws Exception {
		Account account = fixtures.verifiedAccount("sequence-writing");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());

		// Three library templates: the first makes the campaign, the others join its end.
		browser.get(base + "/library/templates/cold-quick-question");
		cards.click(browser.findElement(By.id("use")));
		wait.until(ExpectedConditions.urlMatches("/campaigns/[0-9a-f-]{36}"));
		String url = browser.getCurrentUrl().replaceAll("#.*", "");
		UUID id = UUID.fromString(url.substring(url.lastIndexOf('/') + 1));
		String name = campaigns.get(account.owner(), id).name();
		for (String slug : List.of("followup-gentle-bump", "followup-new-angle")) {
			browser.get(base + "/library/templates/" + slug);
			new Select(browser.findElement(By.id("use-campaign")))
				.selectByVisibleText("the end of " + name + " (Draft)");
			cards.click(browser.findElement(By.id("use")));
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
					"to the end of the sequence"));
		}
		wait.until(d -> browser.executeScript("return window.penguinStepEditorReadyMs !== undefined;"));
		System.out.printf("Step editor ready %.0f ms after navigation start (3 steps)%n",
				((Number) browser.executeScript("return window.penguinStepEditorReadyMs;")).doubleValue());
		assertThat(cards.summaries()).containsExactly("Step 1 · at the start · plain text",
				"Step 2 · 2 days after step 1 · same thread · plain text",
				"Step 3 · 2 days after step 2 · same thread · plain text");
		String third = cards.value("subject-3-A");

		// Step 3 moves up; its delay goes to 3 hours and back to 4 days.
		cards.open(3);
		cards.click(browser.findElement(By.xpath("//article[@id='step-3']//button[text()='Move up']")));
		wait.until(d -> cards.value("subject-2-A").equals(third));
		cards.open(2);
		cards.delay(2, "3", "hours");
		cards.save(2);
		cards.delay(2, "4", "days");
		cards.save(2);
		browser.navigate().refresh();
		assertThat(cards.summaries()).containsExactly("Step 1 · at the start · plain text",
				"Step 2 · 4 days after step 1 · same thread · plain text",
				"Step 3 · 2 days after step 2 · same thread · plain text");
		assertThat(cards.value("delay-2")).isEqualTo("4");
		assertThat(cards.value("unit-2")).isEqualTo("days");
		assertThat(cards.value("subject-2-A")).isEqualTo(third);
		assertThat(campaigns.get(account.owner(), id).steps().get(1).delayMinutes()).isEqualTo(4 * 24 * 60);

		// A same-thread follow-up is previewed as it is sent: "Re: " the first subject.
		cards.open(3);
		wait.until(d -> browser.findElement(By.cssSelector("#step-3 [data-preview-subject]"))
			.getText()
			.startsWith("Re: "));
		assertThat(browser.findElement(By.id("step-3")).getText()).contains("In the same thread this step is sent as");

		// The preview lists every spintax variant; the check flags a spam phrase.
		cards.open(2);
		new Select(browser.findElement(By.id("thread-2"))).selectByValue("true");
		WebElement subject = browser.findElement(By.id("subject-2-A"));
		subject.clear();
		subject.sendKeys("{Hi|Hello|Hey} {{ first_name | default: \"there\" }}, {quick|short} question");
		wait.until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector("#step-2 [data-preview-variants-summary]"), "Show all 6 variants"));
		assertThat(browser.findElement(By.cssSelector("#step-2 [data-preview-subject]")).getText())
			.endsWith("Alex, quick question")
			.satisfiesAnyOf(s -> assertThat(s).startsWith("Hi"), s -> assertThat(s).startsWith("Hello"),
					s -> assertThat(s).startsWith("Hey"));
		browser.findElement(By.id("body-2-A")).sendKeys(" Act now while supplies last.");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#lint-2 [data-code='spam-phrase']")));
		cards.show("step-2");
		Browser.screenshot(browser, "sequence-preview-lint-1280");
		cards.click(browser.findElement(By.cssSelector("#step-2 .step-missing summary")));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#step-2 .step-missing-list"),
				"No active recipients yet"));

		// Step 1 becomes HTML and is written in the visual editor.
		browser.executeScript("window.__errors = []; window.addEventListener('error', e => window.__errors.push("
				+ "e.message + ' ' + e.filename + ':' + e.lineno));");
		cards.open(1);
		cards.click(browser.findElement(By.cssSelector("#format-1 input[value='html']")));
		browser.executeScript("document.getElementById('body-1-A').value = '';");
		cards.save(1);
		cards.click(browser.findElement(By.cssSelector("#step-1 [data-visual-open]")));
		wait.until(d -> browser.executeScript("return window.penguinVisualLoadMs !== undefined;"));
		System.out.printf("Visual editor ready %.0f ms after its button was clicked%n",
				((Number) browser.executeScript("return window.penguinVisualLoadMs;")).doubleValue());
		typeInCanvas("Write your message here.", "Saw your talk at {{ company | default: \"the meetup\" }}.");
		// Saved at once, typing still in the block: the save waits for it.
		cards.save(1);
		browser.navigate().refresh();
		cards.open(1);
		assertThat(cards.value("body-1-A")).contains("Saw your talk at {{ company | default: \"the meetup\" }}.")
			.contains("<table");
		Campaign.Variant written = campaigns.get(account.owner(), id).steps().get(0).variants().get(0);
		assertThat(written.source()).contains("<mjml").contains("Saw your talk");

		// What the scheduler sends for step 1 is that edit, rendered.
		String domain = setup.verifiedDomain(account);
		Mailbox sam = setup.mailbox(account, "sam@" + domain, 2525, 30, 0, 0);
		Contact ada = setup.contact(account, "ada-" + UUID.randomUUID() + "@client.test", "Ada", "");
		campaigns.update(account.owner(), id,
				new Campaigns.Draft(null, Schedule.defaults(), null, List.of(sam.id()), null, null));
		campaigns.addRecipients(account.owner(), id, List.of(ada.id()), null, null);
		campaigns.launch(account.owner(), id);
		scheduler.tick(setup.monday());
		String html = fixtures.jdbc()
			.sql("SELECT html FROM outbox WHERE campaign_id = ? AND step = 0")
			.param(id)
			.query(String.class)
			.single();
		assertThat(html).contains("Saw your talk at Acme.").contains("<table");

		Browser.phone(browser);
		browser.navigate().refresh();
		cards.open(2);
		Browser.assertNoSidewaysScroll(browser);
		cards.show("step-2");
		Browser.screenshot(browser, "sequence-step-390");
		passed = true;
	}

	/**
	 * Selects the canvas's text block showing {@code old} and types {@code replacement}.
	 */
	private void typeInCanvas(String old, String replacement) {
		browser.switchTo().frame(browser.findElement(By.cssSelector("#step-1 .visual-host iframe")));
		WebElement block = wait
			.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(text(), '" + old + "')]")));
		new Actions(browser).doubleClick(block).perform();
		wait.until(d -> "true".equals(block.getAttribute("contenteditable")));
		block.sendKeys(Keys.chord(Keys.CONTROL, "a"));
		block.sendKeys(replacement);
		browser.switchTo().defaultContent();
	}

}
