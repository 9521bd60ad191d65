package com.penguinmails.campaigns;

import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.mailboxes.MailboxStatus;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The campaign page says what it waits for: before launch how long it will take, once
 * running why nothing is sending, with a banner and a Resume button for a paused mailbox.
 */
@IntegrationTest
class CampaignDiagnosisPageTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	CampaignFixtures setup;

	@Autowired
	Campaigns campaigns;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Enrolments enrolments;

	@Test
	void aPausedMailboxShowsABannerWithWhyAndResumesFromTheCampaign() throws Exception {
		Account account = fixtures.verifiedAccount("paused-banner");
		String domain = setup.verifiedDomain(account);
		UUID sam = setup.mailbox(account, "sam@" + domain, 2525, 30, 60, 300).id();
		UUID id = campaign(account, sam, 3);
		WebSession session = fixtures.signedIn(account);

		String draft = session.get("/campaigns/" + id).getResponse().getContentAsString();
		assertThat(draft).contains("At these caps and windows (about 30 a day), 3 recipients take 1 day");

		campaigns.launch(account.owner(), id);
		mailboxes.pauseAutomatically(account.workspaceId(), sam,
				"Spam complaints: 1 for 200 sent in 30 days (0.50%, over 0.3%)");
		String page = session.get("/campaigns/" + id).getResponse().getContentAsString();
		assertThat(page).contains("id=\"paused-mailbox-banner\"")
			.contains("sam@" + domain + " is paused: Spam complaints: 1 for 200 sent in 30 days (0.50%, over 0.3%).")
			.contains("Paused automatically by PenguinMails")
			.contains("Resume this mailbox")
			.contains("Nothing is sending")
			.contains("No mailbox of the pool can send");
		// The mailbox page says why too.
		assertThat(session.get("/mailboxes/" + sam).getResponse().getContentAsString())
			.contains("Spam complaints: 1 for 200 sent in 30 days")
			.contains("paused automatically by PenguinMails");

		session.post("/campaigns/" + id + "/mailboxes/" + sam + "/resume");
		assertThat(mailboxes.get(account.owner(), sam).status()).isEqualTo(MailboxStatus.ACTIVE);
		assertThat(mailboxes.get(account.owner(), sam).pause()).isNull();
		String resumed = session.get("/campaigns/" + id).getResponse().getContentAsString();
		assertThat(resumed).contains("is active again").doesNotContain("id=\"paused-mailbox-banner\"");
	}

	@Test
	void aMailboxPausedByHandNamesWhoPausedIt() throws Exception {
		Account account = fixtures.verifiedAccount("paused-by-hand");
		String domain = setup.verifiedDomain(account);
		UUID sam = setup.mailbox(account, "sam@" + domain, 2525, 30, 60, 300).id();
		mailboxes.pause(account.owner(), sam, true);
		assertThat(mailboxes.get(account.owner(), sam).pause()).satisfies(pause -> {
			assertThat(pause.reason()).isEqualTo("Paused by hand");
			assertThat(pause.by()).isEqualTo(account.email());
		});
	}

	@Test
	void theListShowsEachCampaignsFiguresSortedOnTheServer() throws Exception {
		Account account = fixtures.verifiedAccount("campaign-figures");
		String domain = setup.verifiedDomain(account);
		UUID sam = setup.mailbox(account, "sam@" + domain, 2525, 30, 60, 300).id();
		UUID busy = campaign(account, sam, 3);
		campaigns.launch(account.owner(), busy);
		UUID quiet = campaign(account, sam, 1);
		// Every recipient of the first had step 1; one replied, one bounced.
		fixtures.jdbc().sql("UPDATE enrolments SET next_step = 1 WHERE campaign_id = ?").param(busy).update();
		List<UUID> people = fixtures.jdbc()
			.sql("SELECT id FROM enrolments WHERE campaign_id = ? ORDER BY id")
			.param(busy)
			.query(UUID.class)
			.list();
		enrolments.stopOn(account.workspaceId(), people.get(0), StopEvent.REPLIED);
		enrolments.stopOn(account.workspaceId(), people.get(1), StopEvent.BOUNCED);
		WebSession session = fixtures.signedIn(account);

		String list = session.get("/campaigns?sort=replies").getResponse().getContentAsString();
		assertThat(list).contains("33.3% (1 of 3)").contains("2 of 3 done").contains("Replied (people)");
		assertThat(list.indexOf("/campaigns/" + busy)).isLessThan(list.indexOf("/campaigns/" + quiet));
		String unknownSort = session.get("/campaigns?sort=nonsense").getResponse().getContentAsString();
		assertThat(unknownSort).contains("33.3%");
	}

	/**
	 * A running-ready campaign open every day, all day, with {@code people} recipients.
	 */
	UUID campaign(Account account, UUID mailbox, int people) {
		Schedule always = new Schedule("UTC", false, List.of(1, 2, 3, 4, 5, 6, 7), LocalTime.of(0, 0),
				LocalTime.of(23, 59), null, null, 20);
		UUID id = campaigns
			.create(account.owner(),
					new Draft("Explained", always, null, List.of(mailbox),
							List.of(new Step(0, false, List.of(new Variant("Hi", "<p>Hello</p>", null))))))
			.id();
		List<UUID> contacts = new java.util.ArrayList<>();
		for (int i = 0; i < people; i++) {
			contacts
				.add(setup
					.contact(account, "p" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test",
							"P", "")
					.id());
		}
		campaigns.addRecipients(account.owner(), id, contacts, List.of(), List.of());
		return id;
	}

}
