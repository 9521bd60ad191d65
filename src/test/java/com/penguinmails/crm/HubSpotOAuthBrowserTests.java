package com.penguinmails.crm;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Connect with HubSpot" in a real browser at 1280 and 390 px: the card offering it
 * beside the private app token, HubSpot's consent (WireMock approving at once) and the
 * callback, the card saying "Connected with OAuth (HubSpot account …)", a refused renewal
 * asking to connect again, then disconnect revoking.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class HubSpotOAuthBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	ChromeDriver browser;

	WireMockServer server;

	@BeforeEach
	void stubs() {
		server = HubSpotStubs.reset();
		HubSpotStubs.consentApproves(server);
		HubSpotStubs.codeExchanged(server);
		HubSpotStubs.revoke(server, false);
	}

	@Test
	void connectsWithHubSpotAndShowsTheAccount() {
		Fixtures.Account account = fixtures.verifiedAccount("crm-oauth-browser");
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

		browser.get(base + "/settings/crm");
		assertThat(browser.findElement(By.id("crm-oauth")).getText()).contains("Connect with HubSpot")
			.contains("read and write contacts");
		assertThat(browser.findElement(By.id("crm-hubspot")).getText()).contains("Or with a private app: in HubSpot");
		Browser.screenshot(browser, "crm-oauth-offered-1280");
		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.screenshot(browser, "crm-oauth-offered-390");
		Browser.assertNoSidewaysScroll(browser);

		browser.findElement(By.linkText("Connect with HubSpot")).click();
		wait.until(
				ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "HubSpot connected with OAuth"));
		assertThat(browser.getCurrentUrl()).isEqualTo(base + "/settings/crm");
		assertThat(browser.findElement(By.id("crm-hubspot")).getText())
			.contains("Connected with OAuth (HubSpot account 62515, analytical-demo.hubspot.com)");
		assertThat(browser.getPageSource()).doesNotContain(HubSpotStubs.ACCESS_1).doesNotContain(HubSpotStubs.REFRESH);
		Browser.screenshot(browser, "crm-oauth-connected-390");
		Browser.assertNoSidewaysScroll(browser);
		browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
		browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
		browser.navigate().refresh();
		Browser.screenshot(browser, "crm-oauth-connected-1280");

		// HubSpot refuses the renewal (the app was uninstalled): the card asks to connect
		// again.
		fixtures.jdbc()
			.sql("UPDATE crm_connections SET access_expires_at = now() WHERE workspace_id = ?")
			.param(account.workspaceId())
			.update();
		HubSpotStubs.refreshRefused(server);
		browser.findElement(By.xpath("//button[text()='Test the connection']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("crm-hubspot"), "Connect again"));
		assertThat(browser.findElement(By.id("crm-hubspot")).getText()).contains("missing or unknown refresh token")
			.contains("Connect with HubSpot again");
		assertThat(Browser.present(browser, By.xpath("//button[text()='Import now']"))).isEmpty();
		Browser.screenshot(browser, "crm-oauth-expired-1280");
		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.screenshot(browser, "crm-oauth-expired-390");
		Browser.assertNoSidewaysScroll(browser);

		browser.findElement(By.xpath("//button[text()='Disconnect']")).click();
		assertThat(browser.switchTo().alert().getText()).startsWith("Disconnect HubSpot?");
		browser.switchTo().alert().accept();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "its access was revoked"));
		assertThat(browser.findElement(By.id("crm-oauth")).getText()).contains("Connect with HubSpot");
	}

}
