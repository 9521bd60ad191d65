package com.penguinmails.web;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.mailboxes.MailboxStatus;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.support.Browser;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign that explains itself, in a real browser at 1280 and 390 px: a running
 * campaign whose only mailbox was paused for spam complaints says nothing is sending and
 * why, shows a banner with the reason, and the banner's Resume button resumes the
 * mailbox. The phone width never scrolls sideways.
 */
@ExtendWith(OpenBrowser.class)
@IntegrationTest
class CampaignExplainsBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Domains domains;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Contacts contacts;

	@Autowired
	Campaigns campaigns;

	ChromeDriver browser;

	@Test
	void aPausedMailboxShowsWhyNothingIsSendingAndResumesFromTheBanner() throws Exception {
		Account account = fixtures.verifiedAccount("campaign-explains");
		String domain = "send-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		UUID domainId = domains.add(account.owner(), new NewDomain(domain, false, "", "")).id();
		fixtures.jdbc()
			.sql("UPDATE domains SET status = 'verified', next_check_at = now() + interval '1 day' WHERE id = ?")
			.param(domainId)
			.update();
		UUID sam = mailboxes
			.add(account.owner(), new NewMailbox("sam@" + domain, "Sam Sender", "generic",
					new ServerSettings("127.0.0.1", 2525, Security.NONE, "sam@" + domain, "secret"),
					new ServerSettings("127.0.0.1", 143, Security.NONE, "sam@" + domain, null), "", "", 30, 60, 300))
			.id();
		Schedule always = new Schedule("UTC", false, List.of(1, 2, 3, 4, 5, 6, 7), LocalTime.of(0, 0),
				LocalTime.of(23, 59), null, null, 20);
		UUID id = campaigns
			.create(account.owner(),
					new Draft("Spring outreach", always, null, List.of(sam),
							List.of(new Step(0, false, List.of(new Variant("Hi", "<p>Hello</p>", null))))))
			.id();
		List<UUID> people = new java.util.ArrayList<>();
		for (int i = 0; i < 3; i++) {
			people.add(
					contacts
						.create(account.owner(),
								new Contacts.NewContact("p" + i + "@client.test", "P" + i, "", "Acme", "", "", "", "",
										"", "", Map.of(), List.of()))
						.id());
		}
		campaigns.addRecipients(account.owner(), id, people, List.of(), List.of());
		campaigns.launch(account.owner(), id);
		mailboxes.pauseAutomatically(account.workspaceId(), sam,
				"Spam complaints: 1 for 200 sent in 30 days (0.50%, over 0.3%)");

		String base = "http://localhost:" + port;
		Browser.logIn(browser, base, account.email());

		browser.get(base + "/campaigns/" + id);
		String banner = browser.findElement(By.id("paused-mailbox-banner")).getText();
		assertThat(banner).contains("sam@" + domain + " is paused: Spam complaints")
			.contains("Paused automatically by PenguinMails");
		assertThat(browser.findElement(By.id("sending-state")).getText()).contains("Nothing is sending")
			.contains("No mailbox of the pool can send");
		Browser.screenshot(browser, "campaign-paused-mailbox-1280");

		phone();
		browser.navigate().refresh();
		assertThat(browser.findElement(By.id("paused-mailbox-banner")).isDisplayed()).isTrue();
		assertNoSidewaysScroll();
		Browser.screenshot(browser, "campaign-paused-mailbox-390");

		browser.findElement(By.xpath("//button[text()='Resume this mailbox']")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "is active again"));
		assertThat(mailboxes.get(account.owner(), sam).status()).isEqualTo(MailboxStatus.ACTIVE);
		assertThat(Browser.present(browser, By.id("paused-mailbox-banner"))).isEmpty();
		assertNoSidewaysScroll();

		browser.get(base + "/campaigns");
		assertNoSidewaysScroll();
		Browser.screenshot(browser, "campaigns-list-390");
	}

	/** A phone's viewport: 390 CSS pixels wide. */
	private void phone() {
		browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
	}

	private void assertNoSidewaysScroll() {
		Object widths = browser
			.executeScript("return [document.documentElement.scrollWidth, document.documentElement.clientWidth];");
		List<?> both = (List<?>) widths;
		assertThat(((Number) both.get(0)).longValue()).as("document width at 390 px")
			.isLessThanOrEqualTo(((Number) both.get(1)).longValue());
	}

}
