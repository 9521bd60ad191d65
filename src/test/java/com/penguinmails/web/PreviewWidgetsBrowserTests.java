package com.penguinmails.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Contacts.NewContact;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real browser, on a test-only page carrying the editor widgets
 * ({@link PreviewWidgetsTestPage}): typing spintax updates the live preview, "Show all 6
 * variants" lists them, a contact without a value is warned about, and "Insert variable"
 * puts a snippet at the caret; at 1280 and 390 px without scrolling sideways.
 */
@IntegrationTest
class PreviewWidgetsBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Contacts contacts;

	ChromeDriver browser;

	WebDriverWait wait;

	boolean passed;

	@BeforeEach
	void open() throws Exception {
		browser = Browser.start();
		wait = new WebDriverWait(browser, Duration.ofSeconds(20));
	}

	@AfterEach
	void close() {
		if (browser != null) {
			if (!passed) {
				System.out
					.println("Screenshot of the failure: " + Browser.screenshot(browser, "preview-widgets-failed"));
			}
			browser.quit();
		}
	}

	@Test
	void typingSpintaxUpdatesThePreviewListsEveryVariantAndInsertsVariablesAtTheCaret() throws Exception {
		Account account = fixtures.verifiedAccount("preview-widgets");
		Contact ada = contacts.create(account.owner(), new NewContact(Fixtures.uniqueEmail("ada"), "Ada", "Lovelace",
				null, null, null, null, null, null, null, Map.of(), List.of()));
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		browser.get(base + "/test/preview-widgets");

		browser.findElement(By.id("subject")).sendKeys("{Hi|Hello|Hey} {{ first_name }}");
		browser.findElement(By.id("html")).sendKeys("<p>{Quick|Short} note about {{ company }}.</p>");
		WebElement subject = browser.findElement(By.cssSelector("[data-preview-subject]"));
		wait.until(driver -> subject.getText().matches("(Hi|Hello|Hey) Alex"));
		WebElement summary = browser.findElement(By.cssSelector("[data-preview-variants-summary]"));
		wait.until(driver -> summary.getText().startsWith("Show all 6 variants"));
		summary.click();
		WebElement variants = browser.findElement(By.cssSelector("[data-preview-variants-list]"));
		assertThat(variants.getText()).contains("Hi Alex", "Hello Alex", "Hey Alex", "Quick note about Northwind Labs.",
				"Short note about Northwind Labs.", "{Hi|Hello|Hey}");
		browser.switchTo().frame(browser.findElement(By.cssSelector("[data-preview-html]")));
		assertThat(browser.findElement(By.tagName("p")).getText()).endsWith("note about Northwind Labs.");
		browser.switchTo().defaultContent();
		atBothWidths("preview-widgets-variants", By.cssSelector("[data-preview-pane]"));

		new Select(browser.findElement(By.cssSelector("[data-preview-contact]"))).selectByValue(ada.id().toString());
		wait.until(driver -> subject.getText().matches("(Hi|Hello|Hey) Ada"));
		WebElement missing = browser.findElement(By.cssSelector("[data-preview-missing]"));
		wait.until(driver -> missing.isDisplayed());
		assertThat(missing.getText()).contains("company");
		atBothWidths("preview-widgets-missing", By.cssSelector("[data-preview-missing]"));

		WebElement subjectField = browser.findElement(By.id("subject"));
		subjectField.clear();
		subjectField.sendKeys("Hello {{ first_name }}");
		WebElement status = browser.findElement(By.cssSelector("[data-preview-status]"));
		wait.until(driver -> status.getText().startsWith("As Ada Lovelace"));
		browser.executeScript("arguments[0].setSelectionRange(6, 6)", subjectField);
		browser.findElement(By.cssSelector("[data-variable-picker]")).click();
		WebElement search = wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".variable-picker input")));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".variable-picker-item")));
		atBothWidths("preview-widgets-picker", By.cssSelector(".variable-picker"));
		search.sendKeys("company");
		WebElement company = browser
			.findElement(By.xpath("//button[contains(@class,'variable-picker-item')][.//span[text()='Company']]"));
		assertThat(browser.findElements(By.xpath("//section[h3='Sender']")).get(0).isDisplayed()).isFalse();
		company.click();
		assertThat(subjectField.getAttribute("value"))
			.isEqualTo("Hello {{ company | default: \"your company\" }}{{ first_name }}");
		wait.until(driver -> subject.getText().equals("Hello your companyAda"));
		assertThat(Browser.present(browser, By.cssSelector(".variable-picker"))).isEmpty();
		passed = true;
	}

	/**
	 * Screenshots at 1280 and 390 px (NAME-1280, NAME-390) of the page as it is; never
	 * scrolls sideways once the window has settled at that width (a resize re-lays out).
	 */
	private void atBothWidths(String name, By scrollTo) {
		String sideways = "return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"
				+ " || document.body.scrollWidth > document.body.clientWidth + 1;";
		for (int width : new int[] { 1280, 390 }) {
			browser.manage().window().setSize(new Dimension(width, width == 390 ? 844 : 900));
			browser.executeScript("arguments[0].scrollIntoView(); window.scrollBy(0, -80);",
					browser.findElement(scrollTo));
			try {
				new WebDriverWait(browser, Duration.ofSeconds(3))
					.until(driver -> Boolean.FALSE.equals(browser.executeScript(sideways)));
			}
			catch (TimeoutException ex) {
				// asserted below, with what sticks out
			}
			Browser.screenshot(browser, name + "-" + width);
			Object culprits = browser.executeScript(
					"""
							var limit = document.documentElement.clientWidth;
							return Array.from(document.querySelectorAll('body *'))
								.filter(e => e.getBoundingClientRect().right > limit + 1)
								.slice(-5).map(e => e.tagName + '.' + e.className + ' ' + JSON.stringify(e.getBoundingClientRect())
									+ ' of ' + limit).join(', ');""");
			assertThat(browser.executeScript(sideways)).as("%s at %d px scrolls sideways: %s", name, width, culprits)
				.isEqualTo(Boolean.FALSE);
		}
		browser.manage().window().setSize(new Dimension(1280, 900));
	}

}
