package com.penguinmails.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
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
 * The library in a real browser at 1280 and 390 px: search and filter the cards, preview
 * a sequence with every step rendered for the sample contact and its delays in words, and
 * "Use in a campaign" lands on the new draft campaign with a notice. The phone width
 * never scrolls sideways.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class LibraryBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	ChromeDriver browser;

	@Test
	void searchesPreviewsASequenceAndUsesItInACampaign() throws Exception {
		Account account = fixtures.verifiedAccount("library-browser");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());

		browser.findElement(By.linkText("Library")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(base + "/library"));
		assertThat(browser.findElements(By.cssSelector("#library-entries article")).size()).isGreaterThanOrEqualTo(127);
		Browser.screenshot(browser, "library-1280");

		browser.findElement(By.id("q")).sendKeys("podcast");
		new Select(browser.findElement(By.id("kind"))).selectByVisibleText("Sequences");
		browser.findElement(By.xpath("//form[@role='search']//button[text()='Search']")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBe(By.id("library-count"), "1 entry"));
		assertThat(browser.findElement(By.id("library-entries")).getText()).contains("Podcast guest pitch")
			.contains("Podcast guest")
			.contains("3 steps");

		browser.findElement(By.linkText("Preview")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.urlToBe(base + "/library/sequences/podcast-guest-sequence"));
		List<String> steps = browser.findElements(By.cssSelector("article.library-step"))
			.stream()
			.map(e -> e.getText())
			.toList();
		assertThat(steps).hasSize(3);
		assertThat(steps.get(0)).contains("Sent right away").contains("Hi Ada,").contains("Sam").doesNotContain("{{");
		assertThat(steps.get(1)).contains("Sent 5 days after the previous step").contains("Reply in the same thread");
		Browser.screenshot(browser, "library-sequence-1280");

		browser.get(base + "/library/templates/event-invite-html");
		assertThat(browser.findElement(By.cssSelector("iframe.library-html")).isDisplayed()).isTrue();
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Copy to my templates");
		Browser.screenshot(browser, "library-html-template-1280");
		browser.navigate().back();

		phone();
		browser.navigate().refresh();
		assertNoSidewaysScroll();
		Browser.screenshot(browser, "library-sequence-390");

		browser.findElement(By.id("use")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.urlMatches(base + "/campaigns/[0-9a-f-]{36}$"));
		assertThat(browser.findElement(By.tagName("main")).getText())
			.contains("Draft campaign made from \"Podcast guest pitch\"");
		assertNoSidewaysScroll();

		browser.get(base + "/library");
		assertNoSidewaysScroll();
		Browser.screenshot(browser, "library-390");
		browser.get(base + "/library?kind=letters");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Unknown kind 'letters'");
		assertNoSidewaysScroll();
	}

	/** A phone's viewport: 390 CSS pixels wide. */
	private void phone() {
		browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
	}

	private void assertNoSidewaysScroll() {
		List<?> both = (List<?>) browser
			.executeScript("return [document.documentElement.scrollWidth, document.documentElement.clientWidth];");
		assertThat(((Number) both.get(0)).longValue()).as("document width at 390 px")
			.isLessThanOrEqualTo(((Number) both.get(1)).longValue());
	}

}
