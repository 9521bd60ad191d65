package com.penguinmails.analytics;

import java.util.UUID;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.analytics.CampaignFiguresFixture.Send;
import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Campaigns side by side per person, the best value of each row marked; 2 to 6 campaigns
 * of the caller's workspace.
 */
@IntegrationTest
class CampaignComparisonTests {

	@Autowired
	InboundFixtures setup;

	@Autowired
	CampaignFiguresFixture figures;

	@Autowired
	Fixtures fixtures;

	@Test
	void campaignsSideBySidePerPersonWithTheBestMarked() throws Exception {
		Sender sender = setup.sender("compare");
		Campaign two = figures.sent(sender, "Two people", 2);
		Campaign one = figures.sent(sender, "One person", 1);
		// The one person replied: a reply rate of 100 % against 0 %.
		for (Send send : figures.sends(one)) {
			figures.event(send, "replied", null, InboundFixtures.monday().plusSeconds(3600));
		}
		Api api = fixtures.api(sender.account(), "campaigns:read");
		JsonNode body = api.get("/api/v1/campaigns/compare?ids=" + two.id() + "," + one.id()).body();
		assertThat(body.get("campaigns").get(1).get("name").asText()).startsWith("One person");
		JsonNode contacted = body.get("rows").get(0);
		assertThat(contacted.get("key").asText()).isEqualTo("contacted");
		assertThat(contacted.get("values").get(0).asDouble()).isEqualTo(2);
		// A bigger audience is not a better result: the count is never marked best.
		assertThat(contacted.get("best")).isEmpty();
		JsonNode replies = body.get("rows").get(4);
		assertThat(replies.get("key").asText()).isEqualTo("replyRate");
		assertThat(replies.get("shown").get(1).asText()).isEqualTo("100 %");
		assertThat(replies.get("best")).hasSize(1);
		assertThat(replies.get("best").get(0).asInt()).isEqualTo(1);
		// Nobody bounced in either: no best marked.
		assertThat(body.get("rows").get(6).get("best")).isEmpty();

		var web = fixtures.signedIn(sender.account());
		String page = web.get("/campaigns/compare?ids=" + two.id() + "&ids=" + one.id())
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("One person").contains("100 %").contains("Best");
		String list = web.get("/campaigns").getResponse().getContentAsString();
		assertThat(list).contains("Compare selected").contains("form=\"compare-form\"").doesNotContain("onchange");
		var wrong = web.get("/campaigns/compare?ids=" + one.id()).getResponse();
		assertThat(wrong.getStatus()).isEqualTo(200);
		assertThat(wrong.getContentAsString()).contains("Choose 2 to 6 campaigns");
	}

	@Test
	void twoToSixCampaignsOfTheWorkspace() throws Exception {
		Sender sender = setup.sender("compare-limits");
		Sender other = setup.sender("compare-other");
		Campaign mine = figures.sent(sender, "Mine", 1);
		Campaign theirs = figures.sent(other, "Theirs", 1);
		Api api = fixtures.api(sender.account(), "campaigns:read");
		String path = "/api/v1/campaigns/compare?ids=";
		assertThat(api.get(path + mine.id() + "," + theirs.id()).status()).isEqualTo(404);
		assertThat(api.get(path + mine.id() + "," + UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(api.get(path + mine.id()).status()).isEqualTo(400);
		assertThat(api.get(path + mine.id() + "," + mine.id()).status()).isEqualTo(400);
		assertThat(api.get(path + mine.id() + ",nope").status()).isEqualTo(400);
		assertThat(api.get("/api/v1/campaigns/compare").status()).isEqualTo(400);
		String seven = String.join(",", IntStream.range(0, 7).mapToObj(i -> UUID.randomUUID().toString()).toList());
		assertThat(api.get(path + seven).status()).isEqualTo(400);
	}

}
