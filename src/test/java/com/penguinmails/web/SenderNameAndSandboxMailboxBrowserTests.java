package com.penguinmails.web;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real browser: the workspace settings page sets the public sender name, and a
 * sandbox mailbox is connected without being asked for a password; both pages at 1280 and
 * 390 px wide without scrolling sideways.
 */
@IntegrationTest
class SenderNameAndSandboxMailboxBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

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
				System.out.println("Screenshot of the failure: " + Browser.screenshot(browser, "sender-name-failed"));
			}
			browser.quit();
		}
	}

	@Test
	void theSenderNameIsSetOnTheSettingsPageAndTheSandboxMailboxNeedsNoPassword() throws Exception {
		Account account = fixtures.verifiedAccount("settings-browser");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());

		browser.get(base + "/settings/members");
		WebElement senderName = browser.findElement(By.id("senderName"));
		assertThat(senderName.getAttribute("placeholder")).isEqualTo("settings-browser Inc");
		senderName.sendKeys("Ada at Acme");
		browser.findElement(By.xpath("//form[contains(@action, 'sender-name')]//button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Public sender name saved."));
		assertThat(browser.findElement(By.id("senderName")).getAttribute("value")).isEqualTo("Ada at Acme");
		atBothWidths("settings-sender-name", () -> browser.get(base + "/settings/members"), By.id("senderName"));

		browser.get(base + "/mailboxes");
		WebElement password = browser.findElement(By.id("smtpPassword"));
		assertThat(password.isDisplayed()).isTrue();
		assertThat(browser.findElement(By.id("dailyCap")).getAttribute("value")).isEqualTo("30");
		new Select(browser.findElement(By.id("preset"))).selectByValue("sandbox");
		assertThat(password.isDisplayed()).as("the password field, sandbox chosen").isFalse();
		// The sandbox's pacing (Pacing.SANDBOX), not a real mailbox's 30 a day, 60-300 s.
		assertThat(browser.findElement(By.id("dailyCap")).getAttribute("value")).isEqualTo("10000");
		assertThat(browser.findElement(By.id("minGapSeconds")).getAttribute("value")).isEqualTo("2");
		assertThat(browser.findElement(By.id("maxGapSeconds")).getAttribute("value")).isEqualTo("5");
		atBothWidths("mailboxes-sandbox-preset", () -> {
		}, By.id("preset"));
		String email = "me-" + UUID.randomUUID().toString().substring(0, 6) + "@sandboxed.test";
		browser.findElement(By.id("email")).sendKeys(email);
		browser.findElement(By.xpath("//button[text()='Connect']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), email + " connected"));
		assertThat(browser.findElement(By.id("dailyCap")).getAttribute("value")).as("the stored daily cap")
			.isEqualTo("10000");
		assertThat(browser.findElement(By.id("maxGapSeconds")).getAttribute("value")).isEqualTo("5");
		passed = true;
	}

	/** Screenshots at 1280 and 390 px (NAME-1280, NAME-390); never scrolls sideways. */
	private void atBothWidths(String name, Runnable load, By scrollTo) {
		for (int width : new int[] { 1280, 390 }) {
			browser.manage().window().setSize(new Dimension(width, width == 390 ? 844 : 900));
			load.run();
			browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(scrollTo));
			Browser.screenshot(browser, name + "-" + width);
			Object wider = browser.executeScript(
					"return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;");
			assertThat(wider).as("%s at %d px scrolls sideways", name, width).isEqualTo(Boolean.FALSE);
		}
		browser.manage().window().setSize(new Dimension(1280, 900));
	}

}
