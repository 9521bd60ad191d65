package com.penguinmails.analytics;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.analytics.CampaignFiguresFixture.Send;
import com.penguinmails.contacts.Contacts.NewContact;
import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who did what: the people behind each number of a campaign's funnel, per event, a page
 * at a time, as CSV; machines' opens apart; confined to the caller's workspace.
 */
@IntegrationTest
class CampaignRecipientsTests {

	@Autowired
	InboundFixtures setup;

	@Autowired
	CampaignFiguresFixture figures;

	@Autowired
	Fixtures fixtures;

	Sender sender;

	Campaign campaign;

	/** What was sent, per first name. */
	final Map<String, Send> sent = new HashMap<>();

	Api api;

	@BeforeEach
	void aCampaignSentToThreePeople() {
		sender = setup.sender("who-did-what");
		String tag = UUID.randomUUID().toString().substring(0, 6);
		List<NewContact> people = List.of("Ada", "=SUM(1+1)", "Cy")
			.stream()
			.map(name -> CampaignFiguresFixture
				.person(name.replaceAll("\\W", "x").toLowerCase() + "-" + tag + "@client.test", name, "", "Acme"))
			.toList();
		campaign = figures.sent(sender, "Who " + tag, people, CampaignFiguresFixture.oneStep());
		figures.sends(campaign).forEach(send -> sent.put(send.toName().split(" ")[0], send));
		Instant t = InboundFixtures.monday().plusSeconds(3600);
		// Ada's mail provider's proxy fetched the pixel; "=SUM" opened and clicked.
		track("Ada", "open", null, true, t);
		track("=SUM(1+1)", "open", null, false, t.plusSeconds(60));
		track("=SUM(1+1)", "click", "https://example.test/pricing", false, t.plusSeconds(120));
		event("Ada", "replied", null, t.plusSeconds(180));
		event("Cy", "bounced_hard", "hard: 550 5.1.1 user unknown", t.plusSeconds(240));
		api = fixtures.api(sender.account(), "campaigns:read", "contacts:read");
	}

	private void track(String who, String kind, String url, boolean machine, Instant at) {
		figures.tracked(sent.get(who), kind, url, machine, at, "Apple Mail");
	}

	private void event(String who, String kind, String detail, Instant at) {
		figures.event(sent.get(who), kind, detail, at);
	}

	private JsonNode list(String query) throws Exception {
		Api.Response response = api.get("/api/v1/campaigns/" + campaign.id() + "/people?" + query);
		assertThat(response.status()).isEqualTo(200);
		return response.body();
	}

	private List<String> names(JsonNode page) {
		return java.util.stream.StreamSupport.stream(page.get("people").spliterator(), false)
			.map(p -> p.get("name").asText().split(" ")[0])
			.toList();
	}

	@Test
	void eachEventListsItsPeopleWithWhatHappened() throws Exception {
		assertThat(names(list("event=contacted"))).containsExactlyInAnyOrder("Ada", "=SUM(1+1)", "Cy");
		assertThat(names(list("event=delivered"))).containsExactlyInAnyOrder("Ada", "=SUM(1+1)");
		JsonNode bounced = list("event=bounced").get("people");
		assertThat(bounced).hasSize(1);
		assertThat(bounced.get(0).get("detail").asText()).contains("user unknown");
		assertThat(bounced.get(0).get("company").asText()).isEqualTo("Acme");
		assertThat(bounced.get(0).get("step").asInt()).isEqualTo(1);
		JsonNode opened = list("event=opened").get("people");
		assertThat(names(list("event=opened"))).containsExactly("Ada", "=SUM(1+1)");
		assertThat(opened.get(0).get("machine").asBoolean()).isTrue();
		assertThat(names(list("event=opened&human=true"))).containsExactly("=SUM(1+1)");
		JsonNode clicked = list("event=clicked&human=true").get("people");
		assertThat(clicked.get(0).get("detail").asText()).isEqualTo("https://example.test/pricing");
		assertThat(names(list("event=replied"))).containsExactly("Ada");
		assertThat(list("event=interested").get("people")).isEmpty();
	}

	@Test
	void pagesFollowOneAnotherByCursor() throws Exception {
		JsonNode first = list("event=contacted&limit=2");
		assertThat(first.get("people")).hasSize(2);
		String cursor = first.get("nextCursor").asText();
		JsonNode second = list("event=contacted&limit=2&cursor=" + cursor);
		assertThat(second.get("people")).hasSize(1);
		assertThat(second.path("nextCursor").asText(null)).isNull();
		List<String> all = new java.util.ArrayList<>(names(first));
		all.addAll(names(second));
		assertThat(all).containsExactlyInAnyOrder("Ada", "=SUM(1+1)", "Cy");
	}

	@Test
	void csvHasEveryoneAndNoFormulas() throws Exception {
		Api.Response csv = api.get("/api/v1/campaigns/" + campaign.id() + "/people?event=contacted&format=csv");
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.raw().getContentType()).startsWith("text/csv");
		String text = csv.raw().getContentAsString();
		assertThat(text).startsWith("email,name,company,step,at,detail,machine\n");
		assertThat(text.lines()).hasSize(4);
		assertThat(text).contains("'=SUM(1+1)").doesNotContain(",=SUM");
		Api.Response accepted = api
			.send(MockMvcRequestBuilders.get("/api/v1/campaigns/" + campaign.id() + "/people?event=bounced")
				.header("Accept", "text/csv"));
		assertThat(accepted.raw().getContentAsString()).contains("user unknown");

		var web = fixtures.signedIn(sender.account());
		String page = web.get("/campaigns/" + campaign.id() + "/recipients?event=bounced")
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("user unknown").contains("Export CSV");
		var download = web.get("/campaigns/" + campaign.id() + "/recipients.csv?event=opened&human=true").getResponse();
		assertThat(download.getHeader("Content-Disposition")).contains("attachment");
		assertThat(download.getContentAsString().lines()).hasSize(2);
	}

	@Test
	void anotherWorkspacesCampaignIsNotFoundAndBadInputIsRefused() throws Exception {
		Sender other = setup.sender("who-did-what-other");
		Api stranger = fixtures.api(other.account(), "campaigns:read");
		String path = "/api/v1/campaigns/" + campaign.id() + "/people";
		assertThat(stranger.get(path).status()).isEqualTo(404);
		assertThat(stranger.get(path + "?format=csv").status()).isEqualTo(404);
		assertThat(api.get(path + "?event=sent").status()).isEqualTo(400);
		assertThat(api.get(path + "?cursor=nope").status()).isEqualTo(400);
		assertThat(api.get(path + "?limit=0").status()).isEqualTo(400);
		assertThat(api.get(path + "?format=xml").status()).isEqualTo(400);
		// The enrolment counts' path, asked who did what, names the path that answers.
		Api.Response counts = api.get("/api/v1/campaigns/" + campaign.id() + "/recipients?event=replied");
		assertThat(counts.status()).isEqualTo(400);
		assertThat(counts.body().get("detail").asText())
			.contains("/api/v1/campaigns/" + campaign.id() + "/people?event=replied");
		var web = fixtures.signedIn(other.account());
		assertThat(web.get("/campaigns/" + campaign.id() + "/recipients.csv").getResponse().getStatus()).isEqualTo(404);
	}

}
