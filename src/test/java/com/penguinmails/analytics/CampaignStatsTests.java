package com.penguinmails.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.CampaignScheduler;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.delivery.Dispatcher;
import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.inbound.InboundSync;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static com.penguinmails.inbound.InboundFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A/B figures: each variant of a step counts its own sends and replies. */
@IntegrationTest
class CampaignStatsTests {

	@Autowired
	InboundFixtures setup;

	@Autowired
	InboundSync sync;

	@Autowired
	Campaigns campaigns;

	@Autowired
	CampaignScheduler scheduler;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	Contacts contacts;

	@Autowired
	Fixtures fixtures;

	@Test
	void eachVariantHasItsOwnFiguresOnTheApiAndThePanel() throws Exception {
		Sender sender = setup.sender("stats-variants");
		String tag = UUID.randomUUID().toString().substring(0, 6);
		List<UUID> people = new java.util.ArrayList<>();
		for (int i = 0; i < 4; i++) {
			people.add(
					contacts
						.create(sender.account().owner(),
								new Contacts.NewContact("p" + i + "-" + tag + "@client.test", "P", "", "", "", "", "",
										"", "", "", Map.of(), List.of()))
						.id());
		}
		Campaign campaign = campaigns.create(sender.account().owner(),
				new Draft("A/B " + tag, Schedule.defaults(), null, List.of(sender.mailbox().id()),
						List.of(new Step(0, false, List.of(new Variant("Option A", "<p>A</p>", null),
								new Variant("Option B", "<p>B</p>", null))))));
		campaigns.addRecipients(sender.account().owner(), campaign.id(), people, null, null);
		campaigns.launch(sender.account().owner(), campaign.id());
		Instant t0 = InboundFixtures.monday();
		scheduler.tick(t0);
		while (dispatcher.dispatch(t0, 100) > 0) {
			// drain
		}
		var b = fixtures.jdbc()
			.sql("SELECT to_address, message_id FROM outbox WHERE campaign_id = ? AND variant = 1 LIMIT 1")
			.param(campaign.id())
			.query((rs, i) -> new String[] { rs.getString(1), rs.getString(2) })
			.single();
		sender.user()
			.deliver(message(b[0], sender.mailbox().email(), "Re: Option B", "B works for me.",
					Map.of("In-Reply-To", b[1])));
		sync.sync(sender.account().workspaceId(), sender.mailbox().id());

		Api api = fixtures.api(sender.account(), "campaigns:read");
		await().untilAsserted(() -> assertThat(
				api.get("/api/v1/campaigns/" + campaign.id() + "/stats").body().get("totals").get("replied").asLong())
			.isEqualTo(1));
		JsonNode variants = api.get("/api/v1/campaigns/" + campaign.id() + "/stats")
			.body()
			.get("steps")
			.get(0)
			.get("variants");
		assertThat(variants).hasSize(2);
		assertThat(variants.get(0).get("figures").get("sent").asLong()).isEqualTo(2);
		assertThat(variants.get(0).get("figures").get("replied").asLong()).isZero();
		assertThat(variants.get(1).get("figures").get("sent").asLong()).isEqualTo(2);
		assertThat(variants.get(1).get("figures").get("replied").asLong()).isEqualTo(1);
		assertThat(variants.get(1).get("figures").get("replyRate").asDouble()).isEqualTo(0.5);

		String panel = fixtures.signedIn(sender.account())
			.get("/campaigns/" + campaign.id() + "/stats")
			.getResponse()
			.getContentAsString();
		assertThat(panel).contains("variant A").contains("variant B");
	}

}
