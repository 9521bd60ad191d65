package com.penguinmails.webhooks.web;

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
 * The webhook pages in a real browser at 1280 and 390 px: the empty state, a new endpoint
 * whose filter and transformation are tried on a sample before saving (htmx), the secret
 * shown once with its copy button, and the list. The phone width never scrolls sideways.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class EndpointsBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	ChromeDriver browser;

	@Test
	void createsAnEndpointAfterTryingItsFilterOnASample() {
		Account account = fixtures.verifiedAccount("wh-browser");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		browser.get(base + "/");
		browser.findElement(By.linkText("Webhooks")).click();
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("No webhook endpoint yet")
			.contains("API reference");
		Browser.screenshot(browser, "webhooks-empty-1280");

		browser.findElement(By.linkText("Add an endpoint")).click();
		browser.findElement(By.id("webhook-url")).sendKeys("https://hooks.example.org/penguin");
		browser.findElement(By.id("webhook-description")).sendKeys("CRM sync");
		browser.findElement(By.xpath("//label[span[text()='Message bounced']]/input")).click();
		browser.findElement(By.xpath("//label[span[text()='Reply received']]/input")).click();
		browser.findElement(By.id("webhook-filter")).sendKeys("event.type == \"message.replied\"");
		browser.findElement(By.id("webhook-transform")).sendKeys("{\"text\": \"New \" + .type}");
		new Select(browser.findElement(By.id("webhook-sample-type"))).selectByValue("message.replied");
		browser.findElement(By.id("webhook-test-button")).click();
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("webhook-test-result"), "Matches"));
		assertThat(browser.findElement(By.id("webhook-test-body")).getText())
			.contains("\"text\" : \"New message.replied\"");
		browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("webhook-test-result")));
		Browser.screenshot(browser, "webhooks-new-1280");

		new Select(browser.findElement(By.id("webhook-sample-type"))).selectByValue("message.bounced");
		browser.findElement(By.id("webhook-test-button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("webhook-test-result"), "Does not match"));

		WebElement old = browser.findElement(By.tagName("main"));
		browser.findElement(By.xpath("//button[text()='Create endpoint']")).click();
		wait.until(Browser.replaced(old));
		String created = browser.findElement(By.tagName("main")).getText();
		assertThat(created).contains("Endpoint created").contains("won't be shown again");
		assertThat(browser.findElement(By.id("webhook-secret")).getText()).startsWith("whsec_");
		assertThat(browser.findElement(By.cssSelector("[data-copy='#webhook-secret']")).isDisplayed()).isTrue();
		Browser.screenshot(browser, "webhooks-created-1280");

		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.assertNoSidewaysScroll(browser);
		Browser.screenshot(browser, "webhooks-endpoint-390");

		browser.get(base + "/settings/webhooks");
		assertThat(browser.findElement(By.id("webhook-endpoints")).getText())
			.contains("https://hooks.example.org/penguin")
			.contains("Message bounced, Reply received")
			.contains("Enabled");
		Browser.assertNoSidewaysScroll(browser);
		Browser.assertTablesFit(browser, "webhook-endpoints");
		Browser.screenshot(browser, "webhooks-list-390");
	}

}
