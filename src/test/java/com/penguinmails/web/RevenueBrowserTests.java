package com.penguinmails.web;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.analytics.CampaignFiguresFixture;
import com.penguinmails.analytics.DealSource;
import com.penguinmails.analytics.Deals;
import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.support.Browser;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revenue page in a real browser: revenue per campaign by the chosen model, a deal
 * recorded with the form, a CSV upload whose bad row is named by its line, at desktop and
 * phone widths without sideways scrolling.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class RevenueBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	InboundFixtures setup;

	@Autowired
	CampaignFiguresFixture figures;

	@Autowired
	Deals deals;

	ChromeDriver browser;

	@Test
	void revenuePerCampaignADealFormAndACsvUploadAtAnyWidth() throws Exception {
		Sender sender = setup.sender("revenue-browser");
		String tag = UUID.randomUUID().toString().substring(0, 6);
		String ada = "ada-" + tag + "@client.test";
		String bob = "bob-" + tag + "@client.test";
		figures.sent(sender, "Spring launch",
				List.of(CampaignFiguresFixture.person(ada, "Ada", "Lovelace", "Engines"),
						CampaignFiguresFixture.person(bob, "Bob", "Builder", "Bricks")),
				CampaignFiguresFixture.oneStep());
		deals.record(sender.account().owner(), new Deals.NewDeal(null, ada, "Annual plan", new BigDecimal("1200.00"),
				"EUR", InboundFixtures.monday().plus(Duration.ofDays(1)), "crm-1"), DealSource.CRM);

		String base = "http://localhost:" + port;
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		LocalDate to = InboundFixtures.monday().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(6);
		String page = base + "/analytics/revenue?model=linear&from=" + today.minusDays(7) + "&to=" + to;
		Browser.logIn(browser, base, sender.account().email());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

		browser.get(page);
		assertThat(browser.findElement(By.linkText("Revenue")).getAttribute("href"))
			.startsWith(base + "/analytics/revenue");
		String table = browser.findElement(By.id("revenue-table")).getText();
		assertThat(table).contains("Spring launch").contains("1,200.00 EUR");
		browser.findElement(By.linkText("First touch")).click();
		wait.until(ExpectedConditions.urlContains("model=first_touch"));
		assertThat(browser.findElement(By.id("revenue-table")).getText()).contains("Revenue (first touch)");
		assertThat(browser.findElement(By.cssSelector("#revenue-models a[aria-current=page]")).getText())
			.isEqualTo("First touch");

		// A deal closed today with Bob, whom the campaign mails only next week:
		// unattributed.
		browser.findElement(By.id("deal-email")).sendKeys(bob);
		browser.findElement(By.id("deal-amount")).sendKeys("80");
		browser.findElement(By.id("deal-currency")).clear();
		browser.findElement(By.id("deal-currency")).sendKeys("usd");
		browser.findElement(By.cssSelector("#deal-form button[type=submit]")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
				"Recorded 80.00 USD with " + bob));
		assertThat(browser.getCurrentUrl()).contains("model=first_touch");
		assertThat(browser.findElement(By.id("deals-table")).getText()).contains(bob).contains("80.00 USD");
		assertThat(browser.findElement(By.cssSelector("tr.revenue-unattributed")).getText()).contains("80.00 USD");

		// An unknown address is said on the page, and what was typed stays.
		browser.findElement(By.id("deal-email")).sendKeys("nobody-" + tag + "@client.test");
		browser.findElement(By.id("deal-amount")).sendKeys("5");
		browser.findElement(By.cssSelector("#deal-form button[type=submit]")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".error"), "No contact"));
		assertThat(browser.findElement(By.id("deal-email")).getAttribute("value")).startsWith("nobody-");

		// A CSV with a bad third line: the good rows are recorded, the bad one named.
		Path csv = Files.createTempFile("deals", ".csv");
		Files.writeString(csv,
				"email,amount,currency,closed_at,name,external_id\n" + ada + ",300,EUR,2026-11-03,Add-on,crm-2\n"
						+ "nobody-" + tag + "@client.test,10,EUR,2026-11-03,,\n" + bob + ",12.345,EUR,2026-11-03,,\n");
		browser.findElement(By.id("deal-file")).sendKeys(csv.toString());
		browser.findElement(By.cssSelector("#deal-upload button[type=submit]")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-errors-table")));
		// Done in part: a warning, not a success.
		assertThat(browser.findElement(By.cssSelector(".warning")).getText())
			.contains("1 deal recorded, 2 rows refused");
		assertThat(Browser.present(browser, By.cssSelector(".notice"))).isEmpty();
		String errors = browser.findElement(By.id("import-errors-table")).getText();
		assertThat(errors).contains("3").contains("No contact with the address nobody-").contains("4");
		browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("deal-import-errors")));
		Browser.screenshot(browser, "revenue-import-1280");

		for (String width : List.of("1280", "390")) {
			if (width.equals("390")) {
				Browser.phone(browser);
			}
			browser.get(page);
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("deals-table")));
			Browser.assertNoSidewaysScroll(browser);
			if (width.equals("390")) {
				Browser.assertTablesFit(browser, "revenue-table", "deals-table");
			}
			Browser.screenshot(browser, "revenue-" + width);
			browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("deal-form")));
			Browser.screenshot(browser, "revenue-forms-" + width);
			browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("revenue-deals")));
			Browser.screenshot(browser, "revenue-deals-" + width);
		}
	}

}
