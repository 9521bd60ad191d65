package com.penguinmails.campaigns;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.reputation.SendingThrottles;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler honours throttling through {@code delivery.SendingPaths} (implemented by
 * reputation): a mailbox whose path to Google is suspended sends nothing to Gmail
 * recipients, and rotation gives them to another mailbox of the pool.
 */
@IntegrationTest
class ThrottledPathSchedulingTests {

	@Autowired
	Campaigns campaigns;

	@Autowired
	CampaignScheduler scheduler;

	@Autowired
	CampaignFixtures setup;

	@Autowired
	Fixtures fixtures;

	@Autowired
	SendingThrottles throttles;

	@Test
	void aSuspendedPathsRecipientsAreSentByAnotherMailboxOfThePool() {
		Account account = fixtures.verifiedAccount("thr-sched");
		String domain = setup.verifiedDomain(account);
		Mailbox ann = setup.mailbox(account, "ann@" + domain, 2525, 50, 0, 0);
		Mailbox bob = setup.mailbox(account, "bob@" + domain, 2525, 50, 0, 0);
		throttles.override(account.owner(), ann.id(), "google",
				new SendingThrottles.Override("keep_suspended", Instant.now().plus(Duration.ofDays(10)), null, null));
		List<UUID> people = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			people.add(
					setup
						.contact(account,
								"lead" + i + "-" + UUID.randomUUID().toString().substring(0, 6)
										+ (i < 4 ? "@gmail.com" : "@firm.test"),
								"Lead", "")
						.id());
		}
		Campaign campaign = campaigns.create(account.owner(),
				new Draft("Throttled " + UUID.randomUUID(), Schedule.defaults(), null, List.of(ann.id(), bob.id()),
						List.of(new Step(0, false, List.of(new Variant("Hi", "<p>Hello</p>", null))))));
		campaigns.addRecipients(account.owner(), campaign.id(), people, null, null);
		campaigns.launch(account.owner(), campaign.id());

		scheduler.tick(setup.monday());

		List<String[]> rows = fixtures.jdbc()
			.sql("SELECT to_address, mailbox_id::text FROM outbox WHERE campaign_id = ?")
			.param(campaign.id())
			.query((rs, i) -> new String[] { rs.getString(1), rs.getString(2) })
			.list();
		assertThat(rows).hasSize(6);
		assertThat(rows).filteredOn(r -> r[0].endsWith("@gmail.com"))
			.hasSize(4)
			.allSatisfy(r -> assertThat(r[1]).isEqualTo(bob.id().toString()));
	}

}
