package com.penguinmails.tracking;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.StepFormat;
import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.CampaignScheduler;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;

/**
 * What tracking tests need: a launched two-step campaign (stopping on a click and on an
 * unsubscribe) whose first step is queued for each recipient, every day of the week.
 */
@Component
class TrackingFixtures {

	/** One queued message of a campaign: its row, its enrolment, its HTML as queued. */
	record Message(UUID outboxId, UUID enrolmentId, String to, String html) {
	}

	private final Fixtures fixtures;

	private final Domains domains;

	private final Mailboxes mailboxes;

	private final Contacts contacts;

	private final Campaigns campaigns;

	private final CampaignScheduler scheduler;

	TrackingFixtures(Fixtures fixtures, Domains domains, Mailboxes mailboxes, Contacts contacts, Campaigns campaigns,
			CampaignScheduler scheduler) {
		this.fixtures = fixtures;
		this.domains = domains;
		this.mailboxes = mailboxes;
		this.contacts = contacts;
		this.campaigns = campaigns;
		this.scheduler = scheduler;
	}

	/** A launched campaign to the given addresses, its first step queued for each. */
	Campaign launched(Account account, Campaign.Tracking tracking, String html, String... to) {
		return launchedFrom(account, domain(account), tracking, html, to);
	}

	/** A new verified sending domain of the account. */
	String domain(Account account) {
		String domain = "track-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		domains.add(account.owner(), new NewDomain(domain, false, "", ""));
		fixtures.jdbc()
			.sql("UPDATE domains SET status = 'verified', next_check_at = now() + interval '1 day' WHERE name = ?")
			.param(domain)
			.update();
		return domain;
	}

	/**
	 * A launched campaign from a mailbox on the account's {@code domain}, its first step
	 * queued for each address.
	 */
	Campaign launchedFrom(Account account, String domain, Campaign.Tracking tracking, String html, String... to) {
		return launchedFrom(account, domain, tracking, StepFormat.HTML, html, to);
	}

	/** As above, its steps in {@code format}. */
	Campaign launchedFrom(Account account, String domain, Campaign.Tracking tracking, StepFormat format, String html,
			String... to) {
		UUID sam = mailboxes
			.add(account.owner(), new NewMailbox("sam@" + domain, "Sam", "sandbox", null, null, "", "", 30, 0, 0))
			.id();
		List<UUID> people = java.util.Arrays.stream(to)
			.map(address -> contacts
				.create(account.owner(),
						new Contacts.NewContact(address, "Ada", "", "", "", "", "", "", "", "", null, List.of()))
				.id())
			.toList();
		Campaign campaign = campaigns.create(account.owner(),
				new Draft("Tracked " + UUID.randomUUID(),
						new Schedule("UTC", false, List.of(1, 2, 3, 4, 5, 6, 7), LocalTime.MIN, LocalTime.of(23,
								59), null, null, 20),
						new Campaign.Stops(true, true, true, true, true, false), List.of(sam),
						List.of(new Step(0, null, null, false, format, List.of(new Variant("Hi", html, null)), null,
								null, null, null),
								new Step(60, null, null, false, format, List.of(new Variant("", "<p>Again</p>", null)),
										null, null, null, null)),
						tracking));
		campaigns.addRecipients(account.owner(), campaign.id(), people, null, null);
		campaigns.launch(account.owner(), campaign.id());
		scheduler.tick(Instant.now().plusSeconds(5));
		return campaign;
	}

	/** The campaign's queued messages, by recipient address. */
	List<Message> messages(UUID campaignId) {
		return fixtures.jdbc()
			.sql("SELECT id, enrolment_id, to_address, html FROM outbox WHERE campaign_id = ? ORDER BY to_address")
			.param(campaignId)
			.query((rs, i) -> new Message(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4)))
			.list();
	}

}
