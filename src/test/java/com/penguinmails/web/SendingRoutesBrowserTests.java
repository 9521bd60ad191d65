package com.penguinmails.web;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
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
import com.penguinmails.support.ProviderApis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real browser: the sending routes page says what routes do, a Mailgun provider is
 * added (its key never shown back) and checked (its health in words), routes are added (a
 * bad domain said in words), moved and deleted; at 1280 and 390 px without scrolling
 * sideways.
 */
@IntegrationTest
class SendingRoutesBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	com.penguinmails.mailboxes.SendingProviders providers;

	@Autowired
	com.penguinmails.mailboxes.SendingRoutes routes;

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
				System.out.println("Screenshot of the failure: " + Browser.screenshot(browser, "routes-failed"));
			}
			browser.quit();
		}
	}

	@Test
	void providersAndRoutesAreAddedCheckedMovedAndDeletedOnThePage() {
		Account account = fixtures.verifiedAccount("routes-browser");
		String mgDomain = "mg-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
		ProviderApis.shared()
			.stubFor(get(urlPathEqualTo("/mailgun-eu/v3/domains/" + mgDomain))
				.willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());

		browser.get(base + "/mailboxes");
		browser.findElement(By.linkText("Sending routes")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("routes-explained")));
		assertThat(browser.findElement(By.id("no-routes")).getText())
			.isEqualTo("No route yet: every message leaves through its mailbox's own transport.");
		atBothWidths("sending-routes-empty", () -> browser.get(base + "/mailboxes/sending-routes"),
				By.id("routes-explained"));

		browser.findElement(By.id("providerName")).sendKeys("Mailgun EU");
		new Select(browser.findElement(By.id("providerKind"))).selectByVisibleText("Mailgun");
		browser.findElement(By.id("apiKey")).sendKeys("key-browser-route-secret");
		browser.findElement(By.id("mailgunDomain")).sendKeys(mgDomain);
		new Select(browser.findElement(By.id("mailgunRegion"))).selectByValue("eu");
		browser.findElement(By.xpath("//button[text()='Add the provider']")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("provider-table")));
		assertThat(browser.findElement(By.id("provider-table")).getText()).contains("Mailgun EU")
			.contains("Mailgun (" + mgDomain + ", EU)")
			.contains("Not checked yet");
		assertThat(browser.getPageSource()).doesNotContain("key-browser-route-secret");

		click(By.xpath("//button[text()='Check now']"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("provider-table"), "Failing"));
		assertThat(browser.findElement(By.id("provider-table")).getText()).contains("HTTP 503");

		browser.findElement(By.id("domain")).sendKeys("not a domain");
		browser.findElement(By.xpath("//button[text()='Add the route']")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("route-error")));
		assertThat(browser.findElement(By.id("route-error")).getText())
			.isEqualTo("Give a recipient domain like example.org, or *.edu for every domain under edu.");

		browser.findElement(By.id("domain")).clear();
		browser.findElement(By.id("domain")).sendKeys("*.edu");
		new Select(browser.findElement(By.id("first"))).selectByVisibleText("Mailgun EU");
		browser.findElement(By.xpath("//button[text()='Add the route']")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("route-1")));
		assertThat(browser.findElement(By.id("route-1")).getText())
			.contains("Messages to any domain under edu go through Mailgun EU, then the mailbox's own SMTP server")
			.contains("Mailgun EU: failing");

		new Select(browser.findElement(By.id("match"))).selectByValue("recipient_provider");
		new Select(browser.findElement(By.id("recipientProvider"))).selectByValue("microsoft");
		browser.findElement(By.xpath("//button[text()='Add the route']")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("route-2")));
		assertThat(browser.findElement(By.id("route-2")).getText()).contains(
				"Messages to recipients at Microsoft (Outlook.com, Microsoft 365) go through the mailbox's own SMTP server.");

		click(By.cssSelector("#route-2 button.secondary"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("route-1"), "Microsoft"));
		assertThat(browser.findElement(By.id("route-2")).getText()).contains("under edu");
		atBothWidths("sending-routes", () -> browser.get(base + "/mailboxes/sending-routes"), By.id("routes"));
		atBothWidths("sending-routes-providers", () -> browser.get(base + "/mailboxes/sending-routes"),
				By.id("providers"));

		browser.executeScript("window.confirm = () => true;");
		click(By.cssSelector("#route-1 button.danger"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "The route is deleted."));
		assertThat(browser.findElement(By.id("route-1")).getText()).contains("under edu");
		assertThat(Browser.present(browser, By.id("route-2"))).isEmpty();
		passed = true;
	}

	@Test
	void providersAndRoutesAreEditedOnTheirPagesShowingOnlyTheFieldsOfTheirKind() {
		Account account = fixtures.verifiedAccount("routes-edit-browser");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		browser.get(base + "/mailboxes");
		click(By.cssSelector("#sidebar a[href='/mailboxes/sending-routes']"));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("routes-explained")));

		Select kind = new Select(browser.findElement(By.id("providerKind")));
		kind.selectByVisibleText("Postmark");
		assertThat(browser.findElement(By.id("serverToken")).isDisplayed()).isTrue();
		assertThat(browser.findElement(By.id("sesRegion")).isDisplayed()).isFalse();
		kind.selectByVisibleText("Amazon SES");
		assertThat(browser.findElement(By.id("serverToken")).isDisplayed()).isFalse();
		browser.findElement(By.id("providerName")).sendKeys("SES Ireland");
		browser.findElement(By.id("accessKeyId")).sendKeys("AKIABROWSERTYPED");
		browser.findElement(By.id("secretAccessKey")).sendKeys("browser-typed-secret");
		browser.findElement(By.id("sesRegion")).sendKeys("mars");
		click(By.xpath("//button[text()='Add the provider']"));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("provider-error")));
		assertThat(browser.findElement(By.id("provider-error")).getText())
			.isEqualTo("Give the AWS region of SES, like eu-west-1.");
		assertThat(browser.findElement(By.id("providerName")).getAttribute("value")).isEqualTo("SES Ireland");
		assertThat(browser.findElement(By.id("sesRegion")).getAttribute("value")).isEqualTo("mars");
		assertThat(browser.findElement(By.id("accessKeyId")).getAttribute("value")).isEmpty();
		assertThat(browser.findElement(By.id("serverToken")).isDisplayed()).isFalse();
		assertThat(browser.getPageSource()).doesNotContain("browser-typed-secret");
		browser.findElement(By.id("accessKeyId")).sendKeys("AKIABROWSERTYPED");
		browser.findElement(By.id("secretAccessKey")).sendKeys("browser-typed-secret");
		browser.findElement(By.id("sesRegion")).clear();
		browser.findElement(By.id("sesRegion")).sendKeys("eu-west-1");
		click(By.xpath("//button[text()='Add the provider']"));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("provider-table")));

		assertThat(browser.findElement(By.id("campaignId")).isDisplayed()).isFalse();
		new Select(browser.findElement(By.id("match"))).selectByValue("campaign");
		assertThat(browser.findElement(By.id("campaignId")).isDisplayed()).isTrue();
		assertThat(browser.findElement(By.id("domain")).isDisplayed()).isFalse();
		new Select(browser.findElement(By.id("match"))).selectByValue("recipient_domain");
		browser.findElement(By.id("domain")).sendKeys("example.org");
		new Select(browser.findElement(By.id("first"))).selectByVisibleText("SES Ireland");
		click(By.xpath("//button[text()='Add the route']"));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("route-1")));

		click(By.cssSelector("#route-1 a[role=button]"));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-route")));
		assertThat(browser.findElement(By.id("domain")).getAttribute("value")).isEqualTo("example.org");
		assertThat(browser.findElement(By.id("recipientProvider")).isDisplayed()).isFalse();
		String routeEdit = browser.getCurrentUrl();
		atBothWidths("sending-route-edit", () -> browser.get(routeEdit), By.id("edit-route"));
		browser.findElement(By.id("domain")).clear();
		browser.findElement(By.id("domain")).sendKeys("*.edu");
		click(By.xpath("//button[text()='Save the route']"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("route-1"), "under edu"));

		click(By.cssSelector("#provider-table a[role=button]"));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-provider")));
		assertThat(Browser.present(browser, By.id("serverToken"))).isEmpty();
		assertThat(Browser.present(browser, By.id("apiKey"))).isEmpty();
		assertThat(browser.findElement(By.id("sesRegion")).getAttribute("value")).isEqualTo("eu-west-1");
		String providerEdit = browser.getCurrentUrl();
		atBothWidths("sending-provider-edit", () -> browser.get(providerEdit), By.id("edit-provider"));
		click(By.id("providerEnabled"));
		click(By.xpath("//button[text()='Save the provider']"));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("provider-table")));
		assertThat(browser.findElement(By.id("provider-table")).getText()).contains("Off")
			.doesNotContain("Not checked yet")
			.doesNotContain("not checked yet");
		assertThat(browser.findElement(By.id("route-1")).getText()).contains("SES Ireland: off");
		passed = true;
	}

	@Test
	void aLongProviderNameWithoutSpacesWrapsInTheTablesInsteadOfPushingColumnsOutOfView() {
		Account account = fixtures.verifiedAccount("routes-long-browser");
		String name = "Mailgun" + "x".repeat(93);
		com.penguinmails.mailboxes.SendingProvider provider = providers.addProvider(account.owner(),
				new com.penguinmails.mailboxes.NewSendingProvider(name, "mailgun", null, null, "key-long",
						"mg-long.example.com", "us", null, null));
		routes.addRoute(account.owner(), new com.penguinmails.mailboxes.NewSendingRoute("recipient_domain",
				"example.org", null, java.util.List.of(provider.id()), true));
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());

		atBothWidths("sending-routes-long-name", () -> browser.get(base + "/mailboxes/sending-routes"),
				By.id("providers"));
		browser.get(base + "/mailboxes/sending-routes");
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("provider-table")));
		java.util.List<?> sizes = (java.util.List<?>) browser.executeScript("""
				const box = document.getElementById('provider-table').closest('.table-scroll');
				const route = document.getElementById('route-1');
				return [box.scrollWidth, box.clientWidth, route.scrollWidth, route.clientWidth];""");
		assertThat(((Number) sizes.get(0)).longValue()).as("providers table width at 1280 px")
			.isLessThanOrEqualTo(((Number) sizes.get(1)).longValue() + 1);
		assertThat(((Number) sizes.get(2)).longValue()).as("route width at 1280 px")
			.isLessThanOrEqualTo(((Number) sizes.get(3)).longValue() + 1);
		passed = true;
	}

	@Test
	void aMissingPageKeepsTheSignedInHeaderAndSidebar() {
		Account account = fixtures.verifiedAccount("routes-404-browser");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());

		browser.get(base + "/no-such-page");
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "/no-such-page not found"));
		assertThat(Browser.present(browser, By.linkText("Log in"))).isEmpty();
		assertThat(browser.findElements(By.cssSelector(".menu-toggle"))).isNotEmpty();
		assertThat(browser.findElements(By.cssSelector("#sidebar a[href='/mailboxes/sending-routes']"))).isNotEmpty();
		atBothWidths("not-found-signed-in", () -> browser.get(base + "/no-such-page"), By.tagName("h1"));

		browser.get(base + "/mailboxes/sending-routes/" + UUID.randomUUID() + "/edit");
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Sending route");
		assertThat(Browser.present(browser, By.linkText("Log in"))).isEmpty();
		assertThat(browser.findElements(By.cssSelector(".menu-toggle"))).isNotEmpty();
		passed = true;
	}

	/** Clicks an element scrolled to the middle of the window (clear of the top bar). */
	private void click(By by) {
		browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", browser.findElement(by));
		browser.findElement(by).click();
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
