package com.penguinmails.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.delivery.Dispatcher;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.TransportSettings;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.ProviderApis;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign step from launch to a sending provider: the real scheduler queues, the real
 * dispatcher hands the message to Mailgun's API (WireMock speaking its documented
 * shapes), and the send is recorded as sent.
 */
@IntegrationTest
class ProviderCampaignTests {

	@Autowired
	Campaigns campaigns;

	@Autowired
	CampaignScheduler scheduler;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	CampaignFixtures setup;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	@Test
	void aCampaignStepSentThroughMailgunLandsAsSent() throws Exception {
		Account account = fixtures.verifiedAccount("campaign-mailgun");
		String domain = setup.verifiedDomain(account);
		Mailbox sam = setup.mailbox(account, "sam@" + domain, 2525, 30, 0, 0);
		String mgDomain = "mg-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
		mailboxes.setTransport(account.owner(), sam.id(), TransportSettings.mailgun("key-campaign", mgDomain, "us"));
		WireMockServer api = ProviderApis.shared();
		String path = "/mailgun-us/v3/" + mgDomain + "/messages.mime";
		api.stubFor(post(urlPathEqualTo(path))
			.willReturn(okJson("{\"id\": \"<20251201.42@" + mgDomain + ">\", \"message\": \"Queued. Thank you.\"}")));
		String to = "ada-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
		UUID ada = setup.contact(account, to, "Ada", "").id();
		Campaign campaign = campaigns.create(account.owner(),
				new Draft("Through Mailgun", Schedule.defaults(), null, List.of(sam.id()), List
					.of(new Step(0, false, List
						.of(new Variant("Hello {{ first_name }}", "<p>Hi {{ first_name }}, a question.</p>", null))))));
		campaigns.addRecipients(account.owner(), campaign.id(), List.of(ada), null, null);
		campaigns.launch(account.owner(), campaign.id());
		Instant t0 = setup.monday();

		scheduler.tick(t0);
		while (dispatcher.dispatch(t0, 100) > 0) {
			// until a round claims nothing
		}

		assertThat(api.findAll(postRequestedFor(urlPathEqualTo(path)).withRequestBody(containing("Subject: Hello Ada"))
			.withRequestBody(containing("name=\"to\"\r\n\r\n" + to)))).hasSize(1);
		Api read = fixtures.api(account, "campaigns:read");
		var sends = read.get("/api/v1/campaigns/" + campaign.id() + "/sends").body().get("data");
		assertThat(sends).hasSize(1);
		assertThat(sends.findValuesAsText("status")).containsOnly("sent");
		assertThat(fixtures.jdbc()
			.sql("SELECT queue_id FROM outbox WHERE campaign_id = ?")
			.param(campaign.id())
			.query(String.class)
			.single()).isEqualTo("20251201.42@" + mgDomain);
	}

}
