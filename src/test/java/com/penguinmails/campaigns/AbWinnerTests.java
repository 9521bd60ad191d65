package com.penguinmails.campaigns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.campaigns.internal.AbTest;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A/B steps: variants split evenly; once each has its sample, a significant difference
 * (two-proportion test, 95%) picks the winner, which then gets the step's remaining
 * recipients.
 */
@IntegrationTest
class AbWinnerTests {

	@Autowired
	Campaigns campaigns;

	@Autowired
	Enrolments enrolments;

	@Autowired
	CampaignScheduler scheduler;

	@Autowired
	CampaignFixtures setup;

	@Autowired
	Fixtures fixtures;

	private Map<Integer, Long> variants(UUID campaignId) {
		Map<Integer, Long> counts = new java.util.TreeMap<>();
		fixtures.jdbc()
			.sql("SELECT variant, count(*) FROM outbox WHERE campaign_id = ? GROUP BY variant")
			.param(campaignId)
			.query(rs -> {
				counts.put(rs.getInt(1), rs.getLong(2));
			});
		return counts;
	}

	/** Marks everything sent, then records opens: {@code opens[v]} of variant v's. */
	private void sentAndOpened(Campaign campaign, int... opens) {
		fixtures.jdbc()
			.sql("UPDATE outbox SET status = 'sent', sent_at = now() WHERE campaign_id = ?")
			.param(campaign.id())
			.update();
		for (int v = 0; v < opens.length; v++) {
			List<UUID> ids = fixtures.jdbc()
				.sql("SELECT id FROM outbox WHERE campaign_id = ? AND variant = ? ORDER BY id LIMIT ?")
				.params(campaign.id(), v, opens[v])
				.query(UUID.class)
				.list();
			for (UUID id : ids) {
				enrolments.recordEngagements(List.of(new Enrolments.EngagementRecord(fixtures.jdbc()
					.sql("SELECT workspace_id FROM outbox WHERE id = ?")
					.param(id)
					.query(UUID.class)
					.single(), campaign.id(), 0, v, id, Engagement.OPENED)));
			}
		}
	}

	private Campaign abCampaign(Account account, List<UUID> firstWave) {
		String domain = setup.verifiedDomain(account);
		UUID sam = setup.mailbox(account, "sam@" + domain, 2525, 1000, 0, 0).id();
		Campaign campaign = campaigns
			.create(account.owner(),
					new Draft("A/B " + UUID.randomUUID(), Schedule.defaults(), null, List.of(sam),
							List.of(new Step(0, false,
									List.of(new Variant("Quick question", "<p>A</p>", null),
											new Variant("Idea for {{ company }}", "<p>B</p>", null)),
									"opens", 20, null))));
		campaigns.addRecipients(account.owner(), campaign.id(), firstWave, null, null);
		return campaigns.launch(account.owner(), campaign.id());
	}

	private List<UUID> contacts(Account account, String prefix, int count) {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(setup.contact(account, prefix + i + "@org" + i + ".test", "P", "").id());
		}
		return ids;
	}

	@Test
	void aSignificantDifferencePicksTheWinnerForTheRestOfTheStep() throws Exception {
		Account account = fixtures.verifiedAccount("ab-winner");
		Campaign campaign = abCampaign(account, contacts(account, "first", 40));
		Instant t0 = setup.monday();
		scheduler.tick(t0);
		assertThat(variants(campaign.id())).containsEntry(0, 20L).containsEntry(1, 20L);

		sentAndOpened(campaign, 15, 3);
		campaigns.addRecipients(account.owner(), campaign.id(), contacts(account, "later", 10), null, null);
		scheduler.tick(t0.plusSeconds(60));
		assertThat(variants(campaign.id())).containsEntry(0, 30L).containsEntry(1, 20L);

		Campaign.Winner winner = campaigns.get(account.owner(), campaign.id()).steps().get(0).winner();
		assertThat(winner.variant()).isZero();
		assertThat(winner.metric()).isEqualTo("opens");
		assertThat(winner.pValue()).isLessThan(0.05);
		assertThat(winner.variants()).extracting(Campaign.VariantResult::engaged).containsExactly(15L, 3L);
		// The decision and its numbers are on the page.
		String page = fixtures.api(account, "campaigns:read")
			.get("/api/v1/campaigns/" + campaign.id())
			.body()
			.get("steps")
			.get(0)
			.get("winner")
			.toString();
		assertThat(page).contains("\"variant\":0").contains("\"z\"");
		assertThat(fixtures.signedIn(account).get("/campaigns/" + campaign.id()).getResponse().getContentAsString())
			.contains("Winner: variant A by opens")
			.contains("A 15/20, B 3/20");
	}

	@Test
	void withoutASignificantDifferenceTheSplitGoesOn() {
		Account account = fixtures.verifiedAccount("ab-no-winner");
		Campaign campaign = abCampaign(account, contacts(account, "first", 40));
		Instant t0 = setup.monday();
		scheduler.tick(t0);
		sentAndOpened(campaign, 10, 8);
		campaigns.addRecipients(account.owner(), campaign.id(), contacts(account, "later", 10), null, null);
		scheduler.tick(t0.plusSeconds(60));
		assertThat(campaigns.get(account.owner(), campaign.id()).steps().get(0).winner()).isNull();
		assertThat(variants(campaign.id())).containsEntry(0, 25L).containsEntry(1, 25L);
	}

	@Test
	void theTestNeedsEveryArmsSampleAndASignificantGap() {
		assertThat(AbTest.decide(List.of(new AbTest.Arm(0, 19, 19), new AbTest.Arm(1, 100, 0)), 20)).isEmpty();
		var clear = AbTest.decide(List.of(new AbTest.Arm(0, 200, 40), new AbTest.Arm(1, 200, 70)), 100).orElseThrow();
		assertThat(clear.winner()).isEqualTo(1);
		// 20% vs 35% of 200 each: z is about 3.4.
		assertThat(clear.z()).isBetween(3.3, 3.5);
		var close = AbTest.decide(List.of(new AbTest.Arm(0, 200, 40), new AbTest.Arm(1, 200, 45)), 100).orElseThrow();
		assertThat(close.winner()).isNull();
		assertThat(close.pValue()).isGreaterThan(0.05);
		var three = AbTest
			.decide(List.of(new AbTest.Arm(0, 300, 30), new AbTest.Arm(1, 300, 90), new AbTest.Arm(2, 300, 60)), 100)
			.orElseThrow();
		assertThat(three.winner()).isEqualTo(1);
	}

}
