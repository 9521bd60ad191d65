package com.penguinmails.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.campaigns.StepFormat;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real browser at 1280 and 390 px: a campaign with open and click tracking on and a
 * plain-text step says, above its figures, what will not be tracked.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class CampaignTrackingWarningBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Campaigns campaigns;

	ChromeDriver browser;

	@Test
	void aPlainTextStepWithTrackingOnIsSaidOnTheCampaignPage() {
		Account account = fixtures.verifiedAccount("tracking-warning");
		Step html = new Step(0, null, null, false, StepFormat.HTML, List.of(new Variant("Hi", "<p>Hi</p>", null)), null,
				null, null, null);
		Step text = new Step(2 * 24 * 60, null, null, false, StepFormat.TEXT,
				List.of(new Variant("", null, "Following up")), null, null, null, null);
		Campaign campaign = campaigns.create(account.owner(), new Draft("Tracked", Schedule.defaults(), null, List.of(),
				List.of(html, text), new Campaign.Tracking(true, true)));
		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());
		browser.get(base + "/campaigns/" + campaign.id());
		WebElement warning = browser.findElement(By.id("tracking-warning"));
		assertThat(warning.isDisplayed()).isTrue();
		assertThat(warning.getText()).contains("Step 2 is plain text: its opens and clicks will not be tracked")
			.contains("Replies, bounces and unsubscribes are still counted");
		Browser.screenshot(browser, "campaign-tracking-warning-1280");
		Browser.phone(browser);
		browser.navigate().refresh();
		Browser.assertNoSidewaysScroll(browser);
		Browser.screenshot(browser, "campaign-tracking-warning-390");
	}

}
