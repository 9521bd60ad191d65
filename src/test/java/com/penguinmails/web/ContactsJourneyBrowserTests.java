package com.penguinmails.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contacts in a real browser: import a CSV through the mapping step into a new list and
 * watch the progress bar finish, then build a segment whose count updates as you type.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class ContactsJourneyBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	ChromeDriver browser;

	@Test
	void importIntoANewListThenSegmentWithALiveCount() throws Exception {
		Account account = fixtures.verifiedAccount("contacts-journey");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());

		Path csv = Files.createTempFile("leads", ".csv");
		Files.writeString(csv, "Email;First Name;Country\nada@uk.test;Ada;UK\nbob@us.test;Bob;US\nbad;;\n",
				StandardCharsets.UTF_8);
		browser.get(base + "/contacts");
		browser.findElement(By.linkText("Import a CSV")).click();
		heading("Import contacts");
		browser.findElement(By.id("file")).sendKeys(csv.toString());
		new Select(browser.findElement(By.id("delimiter"))).selectByValue(";");
		browser.findElement(By.xpath("//button[text()='Upload']")).click();
		heading("Map the columns");
		browser.findElement(By.id("newList")).sendKeys("Conference");
		browser.findElement(By.xpath("//button[text()='Import']")).click();
		heading("Import");
		// htmx polls the progress until the import is done; the bar ends full.
		new WebDriverWait(browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-progress"), "done"));
		assertThat(browser.findElement(By.id("import-bar")).getDomProperty("value")).isEqualTo("100");
		assertThat(browser.findElement(By.id("import-progress")).getText()).contains("2 new")
			.contains("not a valid email address");
		// The result names the list the rows went into and links to its contacts.
		WebElement list = browser.findElement(By.cssSelector("#import-list a"));
		assertThat(list.getText()).isEqualTo("Conference");
		assertThat(list.getAttribute("href")).contains("/contacts?list=");
		assertThat(browser.findElement(By.id("import-list")).getText())
			.isEqualTo("Imported contacts were added to the list Conference.");
		Browser.screenshot(browser, "contacts-import-done-1280");

		browser.get(base + "/segments/new");
		heading("New segment");
		browser.findElement(By.id("name")).sendKeys("UK in Conference");
		new Select(browser.findElement(By.cssSelector("select[aria-label='Field 1']"))).selectByVisibleText("country");
		new Select(browser.findElement(By.cssSelector("select[aria-label='Condition 1']"))).selectByValue("equals");
		browser.findElement(By.cssSelector("input[aria-label='Value 1']")).sendKeys("uk");
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-count"), "1 contacts match now"));
		new Select(browser.findElement(By.cssSelector("select[aria-label='Field 2']")))
			.selectByVisibleText("in list Conference");
		new Select(browser.findElement(By.cssSelector("select[aria-label='Condition 2']"))).selectByValue("not_in");
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-count"), "0 contacts match now"));
		new Select(browser.findElement(By.cssSelector("select[aria-label='Condition 2']"))).selectByValue("in");
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-count"), "1 contacts match now"));
		browser.findElement(By.xpath("//button[text()='Save segment']")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "1 contacts match"));
	}

	private void heading(String text) {
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.tagName("h1"), text));
	}

}
