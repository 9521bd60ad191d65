package com.penguinmails.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.analytics.CampaignFiguresFixture;
import com.penguinmails.analytics.CampaignFiguresFixture.Send;
import com.penguinmails.campaigns.Campaign;
import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign's figures in a real browser at 1280 and 390 px: the funnel's numbers are the
 * API's, the tiles, the per person / per message toggle, an hourly chart for a one-day
 * campaign, the who-did-what page a funnel number links to, and two campaigns compared.
 * No page scrolls sideways on a phone.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class CampaignFiguresBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	InboundFixtures setup;

	@Autowired
	CampaignFiguresFixture figures;

	ChromeDriver browser;

	/** Opens by people and proxies, a click and a reply, within hours of sending. */
	private void engagement(Campaign campaign) {
		List<Send> sent = figures.sends(campaign);
		Instant t = InboundFixtures.monday().plusSeconds(1800);
		for (int i = 0; i < sent.size(); i++) {
			boolean click = i % 4 == 1;
			figures.tracked(sent.get(i), click ? "click" : "open", click ? "https://example.test/demo" : null,
					i % 3 == 0, t.plusSeconds(3600L * i), "Gmail");
		}
		figures.event(sent.get(1), "replied", null, t.plusSeconds(7200));
	}

	@Test
	void figuresFunnelToggleChartWhoDidWhatAndCompare() throws Exception {
		Sender sender = setup.sender("figures-browser");
		Campaign spring = figures.sent(sender, "Spring outreach", 6);
		engagement(spring);
		Campaign autumn = figures.sent(sender, "Autumn follow-up", 3);
		JsonNode api = fixtures.api(sender.account(), "campaigns:read")
			.get("/api/v1/campaigns/" + spring.id() + "/stats")
			.body();

		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, sender.account().email());

		browser.get(base + "/campaigns/" + spring.id());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stats-funnel")));
		List<WebElement> stages = browser.findElements(By.cssSelector("#stats-funnel li"));
		assertThat(stages).hasSize(6);
		for (int i = 0; i < stages.size(); i++) {
			JsonNode stage = api.get("people").get("funnel").get(i);
			assertThat(stages.get(i).getDomAttribute("data-stage")).isEqualTo(stage.get("key").asText());
			assertThat(stages.get(i).getDomAttribute("data-count")).isEqualTo(stage.get("count").asText());
		}
		assertThat(api.get("people").get("contacted").asLong()).isEqualTo(6);
		String tiles = browser.findElement(By.id("stats-tiles")).getText();
		assertThat(tiles).contains("Contacted", "Delivered", "Opened", "Clicked", "Replied", "Interested", "Bounced",
				"Unsubscribed", "People", "Machines");
		// A one-day campaign: per hour.
		WebElement chart = browser.findElement(By.id("stats-chart"));
		assertThat(chart.getDomAttribute("data-unit")).isEqualTo("hour");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Per hour (UTC)");
		browser.executeScript("document.getElementById('stats').scrollIntoView(); window.scrollBy(0, -70);");
		Browser.screenshot(browser, "campaign-figures-1280");
		browser.executeScript("document.getElementById('stats-chart').scrollIntoView(); window.scrollBy(0, -90);");
		Browser.screenshot(browser, "campaign-chart-1280");
		browser.executeScript("document.getElementById('stats').scrollIntoView(); window.scrollBy(0, -70);");

		browser.findElement(By.linkText("Per message")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stats"), "Counting messages"));
		// Kept in the address: a reload still counts messages.
		wait.until(ExpectedConditions.urlContains("per=message"));
		browser.executeScript("document.getElementById('stats-funnel').scrollIntoView(); window.scrollBy(0, -70);");
		Browser.screenshot(browser, "campaign-figures-per-message-1280");

		Browser.phone(browser);
		browser.navigate().refresh();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stats-funnel")));
		assertThat(browser.findElement(By.id("stats")).getText()).contains("Counting messages");
		Browser.assertNoSidewaysScroll(browser);
		browser.executeScript("document.getElementById('stats').scrollIntoView(); window.scrollBy(0, -70);");
		Browser.screenshot(browser, "campaign-figures-390");
		// The chart keeps its height on a phone: its plot was a flat strip under the
		// legend when the canvas kept a desktop's aspect ratio.
		wait.until(d -> ((Number) browser
			.executeScript("return document.getElementById('stats-chart').getBoundingClientRect().height"))
			.intValue() > 200);
		browser.executeScript("document.getElementById('stats-chart').scrollIntoView(); window.scrollBy(0, -90);");
		Browser.screenshot(browser, "campaign-chart-390");
		Browser.assertTablesFit(browser, "stats-devices");

		// The funnel's "opened" number lists the people who opened.
		WebElement opened = browser.findElement(By.cssSelector("#stats-funnel li[data-stage='opened'] a"));
		browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", opened);
		opened.click();
		wait.until(ExpectedConditions.urlContains("/recipients?event=opened&human=true"));
		List<WebElement> rows = browser.findElements(By.cssSelector("#recipients tbody tr"));
		assertThat(rows).hasSize(api.get("people").get("funnel").get(2).get("count").asInt());
		Browser.assertNoSidewaysScroll(browser);
		Browser.assertTablesFit(browser, "recipients");
		Browser.screenshot(browser, "campaign-recipients-390");

		browser.get(base + "/campaigns");
		Browser.assertTablesFit(browser, "campaigns");
		Browser.screenshot(browser, "campaigns-390");
		browser.findElement(By.cssSelector("input[aria-label='Compare Spring outreach']")).click();
		browser.findElement(By.cssSelector("input[aria-label='Compare Autumn follow-up']")).click();
		browser.findElement(By.xpath("//button[text()='Compare selected']")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("compare")));
		assertThat(browser.findElement(By.id("compare")).getText()).contains("Spring outreach", "Autumn follow-up",
				"Replied", "Best");
		Browser.assertNoSidewaysScroll(browser);
		Browser.screenshot(browser, "campaign-compare-390");

		browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
		browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		browser.navigate().refresh();
		Browser.screenshot(browser, "campaign-compare-1280");
		browser.get(base + "/campaigns/" + spring.id() + "/recipients?event=clicked");
		Browser.screenshot(browser, "campaign-recipients-1280");
		assertThat(browser.findElement(By.id("recipients")).getText()).contains("https://example.test/demo");
	}

}
