package com.penguinmails.web;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.support.Api;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real browser: a template written in the visual editor (GrapesJS + MJML), its text
 * edited in the canvas, saved, seen again after a reload and in the stored HTML, and sent
 * as a test that arrives as HTML tables; the code view (CodeMirror) saves too; two
 * versions compared and one restored. Pages at 1280 and 390 px without sideways
 * scrolling. Prints the time until the visual editor is interactive.
 */
@IntegrationTest
class TemplateEditorBrowserTests {

	static GreenMail smtp;

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	ChromeDriver browser;

	WebDriverWait wait;

	boolean passed;

	@BeforeAll
	static void startSmtp() {
		smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
	}

	@AfterAll
	static void stopSmtp() {
		smtp.stop();
	}

	@BeforeEach
	void open() throws Exception {
		browser = Browser.start();
		browser.manage().window().setSize(new Dimension(1280, 900));
		wait = new WebDriverWait(browser, Duration.ofSeconds(30));
	}

	@AfterEach
	void close() {
		if (browser != null) {
			if (!passed) {
				System.out
					.println("Screenshot of the failure: " + Browser.screenshot(browser, "template-editor-failed"));
			}
			browser.quit();
		}
	}

	@Test
	void aVisualEditSurvivesReloadAndSendsAndVersionsCompareAndRestore() throws Exception {
		Account account = fixtures.verifiedAccount("visual-editor");
		String sender = "sam-" + UUID.randomUUID().toString().substring(0, 6) + "@sender.test";
		smtp.setUser(sender, sender, "pw");
		mailboxes.add(account.owner(),
				new NewMailbox(sender, "Sam Sender", "generic",
						new ServerSettings("127.0.0.1", smtp.getSmtp().getPort(), Security.NONE, sender, "pw"),
						new ServerSettings("127.0.0.1", 143, Security.NONE, null, null), "", "", 30, 60, 300));
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());

		browser.get(base + "/templates");
		browser.findElement(By.id("name")).sendKeys("Visual intro");
		browser.findElement(By.id("subject")).sendKeys("Quick question, {{ first_name | default: \"there\" }}");
		new Select(browser.findElement(By.id("editor"))).selectByValue("VISUAL");
		waitForVisualEditor();
		browser.findElement(By.xpath("//form[@action='/templates']//button[@type='submit']")).click();
		wait.until(ExpectedConditions.urlMatches("/templates/[0-9a-f-]{36}$"));
		String page = browser.getCurrentUrl();
		String id = page.substring(page.lastIndexOf('/') + 1);

		// Navigation start to the editor's load event, measured in the page.
		browser.navigate().refresh();
		double loadMs = waitForVisualEditor();
		System.out.printf("Visual editor interactive %.0f ms after navigation start%n", loadMs);

		typeInCanvas("Write your message here.", "Saw your talk at {{ company | default: \"the meetup\" }}.");
		browser.findElement(By.xpath("//form[@id='template-form']//button[@type='submit']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Saved as version 2."));
		waitForVisualEditor();
		assertThat(canvasText()).contains("Saw your talk at {{ company | default: \"the meetup\" }}.");
		atBothWidths("template-visual", By.id("template-form"));

		Api api = fixtures.api(account, "templates:write");
		JsonNode stored = api.get("/api/v1/templates/" + id).body();
		assertThat(stored.get("editor").asText()).isEqualTo("visual");
		assertThat(stored.get("source").asText()).contains("Saw your talk at {{ company | default: \"the meetup\" }}.")
			.contains("Hi {{ first_name | default: \"there\" }},");
		// Liquid comes back from the editor and MJML exactly as typed.
		assertThat(stored.get("html").asText()).contains("<table")
			.contains("Saw your talk at {{ company | default: \"the meetup\" }}.")
			.contains("Hi {{ first_name | default: \"there\" }},")
			.contains("{{ sender.first_name }}");
		assertThat(stored.get("text").asText()).contains("Saw your talk at");

		String to = "lead-" + UUID.randomUUID().toString().substring(0, 6) + "@prospect.test";
		browser.findElement(By.id("to")).sendKeys(to);
		browser.findElement(By.xpath("//button[text()='Send test']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Test sent to " + to));
		MimeMessage received = null;
		for (MimeMessage message : smtp.getReceivedMessages()) {
			if (message.getAllRecipients()[0].toString().equals(to)) {
				received = message;
			}
		}
		assertThat(received).isNotNull();
		String raw = GreenMailUtil.getWholeMessage(received);
		assertThat(raw).contains("Saw your talk at Analytical Engines.").contains("<table").contains("text/plain");

		// The code view: CodeMirror highlights the HTML, and saving from it works.
		waitForVisualEditor();
		new Select(browser.findElement(By.id("editor"))).selectByValue("CODE");
		WebElement code = wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#template-form .CodeMirror")));
		assertThat(code.findElements(By.cssSelector(".cm-tag")).size()).isPositive();
		browser.executeScript("document.querySelector('#template-form .CodeMirror').CodeMirror.setValue("
				+ "'<p>Hi {{ first_name | default: \"there\" }}, written as code.</p>');");
		atBothWidths("template-code", By.id("template-form"));
		browser.findElement(By.xpath("//form[@id='template-form']//button[@type='submit']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Saved as version 3."));
		JsonNode third = api.get("/api/v1/templates/" + id).body();
		assertThat(third.get("editor").asText()).isEqualTo("code");
		assertThat(third.get("html").asText())
			.isEqualTo("<p>Hi {{ first_name | default: \"there\" }}, written as code.</p>");

		// Compare version 2 with 3, then restore version 2.
		new Select(browser.findElement(By.cssSelector(".compare-form select[name=from]"))).selectByValue("2");
		new Select(browser.findElement(By.cssSelector(".compare-form select[name=to]"))).selectByValue("3");
		browser.findElement(By.xpath("//button[text()='Compare']")).click();
		WebElement comparison = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("comparison")));
		assertThat(comparison.getText()).contains("Version 2 compared with version 3")
			.contains("Removed")
			.contains("written as code.");
		assertThat(comparison.findElements(By.cssSelector("tr.diff-removed, tr.diff-changed")).size()).isPositive();
		atBothWidths("template-compare", By.id("comparison"));
		WebElement restore = browser.findElement(By.xpath("//button[text()='Restore version 2']"));
		browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", restore);
		restore.click();
		browser.switchTo().alert().accept();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
				"Version 2 restored as version 4."));
		JsonNode fourth = api.get("/api/v1/templates/" + id).body();
		assertThat(fourth.get("editor").asText()).isEqualTo("visual");
		assertThat(fourth.get("html").asText()).isEqualTo(stored.get("html").asText());
		waitForVisualEditor();
		assertThat(canvasText()).contains("Saw your talk at");
		atBothWidths("template-versions", By.id("versions"));
		passed = true;
	}

	/**
	 * Waits for GrapesJS's load event; returns ms from navigation start, as the page
	 * measured.
	 */
	private double waitForVisualEditor() {
		wait.until(d -> browser.executeScript("return window.penguinVisualLoadMs !== undefined;"));
		return ((Number) browser.executeScript("return window.penguinVisualLoadMs;")).doubleValue();
	}

	/**
	 * Selects the text block showing {@code old} in the canvas and types
	 * {@code replacement}.
	 */
	private void typeInCanvas(String old, String replacement) {
		browser.switchTo().frame(browser.findElement(By.cssSelector(".visual-host iframe")));
		WebElement block = wait
			.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(text(), '" + old + "')]")));
		new Actions(browser).doubleClick(block).perform();
		wait.until(d -> "true".equals(block.getAttribute("contenteditable")));
		block.sendKeys(Keys.chord(Keys.CONTROL, "a"));
		block.sendKeys(replacement);
		browser.switchTo().defaultContent();
	}

	private String canvasText() {
		browser.switchTo().frame(browser.findElement(By.cssSelector(".visual-host iframe")));
		wait.until(d -> !browser.findElement(By.tagName("body")).getText().isBlank());
		String text = browser.findElement(By.tagName("body")).getText();
		browser.switchTo().defaultContent();
		return text;
	}

	/** Screenshots at 1280 and 390 px (NAME-1280, NAME-390); never scrolls sideways. */
	private void atBothWidths(String name, By scrollTo) {
		for (int width : new int[] { 1280, 390 }) {
			browser.manage().window().setSize(new Dimension(width, width == 390 ? 844 : 900));
			browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(scrollTo));
			Browser.screenshot(browser, name + "-" + width);
			Object wider = browser.executeScript(
					"return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;");
			assertThat(wider).as("%s at %d px scrolls sideways", name, width).isEqualTo(Boolean.FALSE);
		}
		browser.manage().window().setSize(new Dimension(1280, 900));
	}

}
