package com.penguinmails.analytics;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.analytics.CampaignFiguresFixture.Send;
import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.inbound.InboundSync;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static com.penguinmails.inbound.InboundFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Campaign figures per person and per message: one person sent three steps who replies
 * once has a reply rate of 1/1 per person and 1/3 per message; the funnel is the API's.
 */
@IntegrationTest
class CampaignFiguresTests {

	@Autowired
	InboundFixtures setup;

	@Autowired
	InboundSync sync;

	@Autowired
	CampaignFiguresFixture figures;

	@Autowired
	Fixtures fixtures;

	@Test
	void onePersonSentThreeStepsWhoRepliesOnceIsAReplyRateOfOnePerPersonAndAThirdPerMessage() throws Exception {
		Sender sender = setup.sender("figures-per-person");
		String tag = UUID.randomUUID().toString().substring(0, 6);
		List<Step> steps = List.of(new Step(0, false, List.of(new Variant("First", "<p>1</p>", null))),
				new Step(24 * 60, false, List.of(new Variant("Second", "<p>2</p>", null))),
				new Step(24 * 60, false, List.of(new Variant("Third", "<p>3</p>", null))));
		Campaign campaign = figures.sent(sender, "Per person " + tag,
				List.of(CampaignFiguresFixture.person("one-" + tag + "@client.test", "One", "", "")), steps);
		Send last = figures.sends(campaign).stream().filter(send -> send.step() == 2).findFirst().orElseThrow();
		sender.user()
			.deliver(message(last.toAddress(), sender.mailbox().email(), "Re: Third", "Yes, let's talk.",
					Map.of("In-Reply-To", last.messageId())));
		sync.sync(sender.account().workspaceId(), sender.mailbox().id());

		Api api = fixtures.api(sender.account(), "campaigns:read");
		String path = "/api/v1/campaigns/" + campaign.id() + "/stats";
		await()
			.untilAsserted(() -> assertThat(api.get(path).body().get("people").get("replied").asLong()).isEqualTo(1));
		JsonNode stats = api.get(path).body();
		JsonNode people = stats.get("people");
		JsonNode messages = stats.get("messages");
		assertThat(people.get("contacted").asLong()).isEqualTo(1);
		assertThat(people.get("replyRate").asDouble()).isEqualTo(1.0);
		assertThat(messages.get("contacted").asLong()).isEqualTo(3);
		assertThat(messages.get("replied").asLong()).isEqualTo(1);
		assertThat(messages.get("replyRate").asDouble()).isEqualTo(0.3333);
		// Kept for compatibility: the message figures as before.
		assertThat(stats.get("totals").get("sent").asLong()).isEqualTo(3);
		assertThat(people.get("funnel").get(0).get("count").asLong()).isEqualTo(1);
		assertThat(people.get("funnel").get(4).get("key").asText()).isEqualTo("replied");
		assertThat(people.get("funnel").get(4).get("count").asLong()).isEqualTo(1);
		// Nobody clicked (plain text, no tracking): replies are not a share of the
		// clicks.
		assertThat(people.get("funnel").get(3).get("count").asLong()).isZero();
		assertThat(people.get("funnel").get(4).path("ofPrevious").isNumber()).isFalse();
		assertThat(people.get("funnel").get(1).get("ofPrevious").asDouble()).isEqualTo(1.0);
		// Sent next Monday, replied now: more than 3 days apart, so per day, zero-filled.
		assertThat(stats.get("chart").get("unit").asText()).isEqualTo("day");
		assertThat(stats.get("chart").get("points").size()).isGreaterThan(3);

		var web = fixtures.signedIn(sender.account());
		String perPerson = web.get("/campaigns/" + campaign.id() + "/stats").getResponse().getContentAsString();
		assertThat(perPerson).contains("Counting people").contains("100 %").contains("data-stage=\"replied\"");
		String perMessage = web.get("/campaigns/" + campaign.id() + "/stats?per=message")
			.getResponse()
			.getContentAsString();
		assertThat(perMessage).contains("Counting messages").contains("33.3 %");
		assertThat(web.get("/campaigns/" + campaign.id() + "/stats?per=day").getResponse().getStatus()).isEqualTo(400);
	}

}
