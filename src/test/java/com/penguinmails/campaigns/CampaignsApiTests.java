package com.penguinmails.campaigns;

import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.shared.AccessDeniedProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class CampaignsApiTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	CampaignFixtures setup;

	@Autowired
	Campaigns campaigns;

	@Test
	void plainTextIsEachStepsFormatAndTheDefault() throws Exception {
		Account account = fixtures.verifiedAccount("plain-api");
		Api api = fixtures.api(account, "campaigns:read", "campaigns:write");
		JsonNode created = api.post("/api/v1/campaigns", """
				{"name":"Plain","tracking":{"opens":true,"clicks":false},
				 "steps":[{"variants":[{"subject":"A","text":"a"}]},
				          {"delayMinutes":60,"format":"html","variants":[{"html":"<p>b</p>"}]}]}""").body();
		assertThat(created.get("steps").get(0).get("format").asText()).isEqualTo("text");
		assertThat(created.get("steps").get(1).get("format").asText()).isEqualTo("html");
		assertThat(created.get("tracking").has("plainText")).isFalse();
		assertThat(api
			.patch("/api/v1/campaigns/" + created.get("id").asText(),
					"{\"steps\":[{\"format\":\"rtf\",\"variants\":[{\"subject\":\"A\",\"text\":\"a\"}]}]}")
			.status()).isEqualTo(400);
	}

	@Test
	void aLaunchIsRefusedWithEveryReasonUntilTheCampaignCanSend() throws Exception {
		Account account = fixtures.verifiedAccount("launch");
		Api api = fixtures.api(account, "campaigns:write", "contacts:write", "mailboxes:write");
		JsonNode created = api.post("/api/v1/campaigns", "{\"name\":\"Q1 outreach\"}").body();
		String id = created.get("id").asText();
		assertThat(created.get("status").asText()).isEqualTo("draft");
		assertThat(created.get("schedule").get("timeZone").asText()).isEqualTo("UTC");
		assertThat(created.get("stops").get("onReply").asBoolean()).isTrue();

		Api.Response empty = api.post("/api/v1/campaigns/" + id + "/launch", "");
		assertThat(empty.status()).isEqualTo(422);
		assertThat(empty.body().get("reasons").toString()).contains("no steps", "no mailboxes", "no recipients");

		// A mailbox on a domain that is not verified, one in error, a step whose variable
		// has no value for a recipient.
		String verified = setup.verifiedDomain(account);
		UUID good = setup.mailbox(account, "sam@" + verified, 2525, 30, 0, 0).id();
		UUID broken = setup.mailbox(account, "broken@" + verified, 2525, 30, 0, 0).id();
		fixtures.jdbc()
			.sql("UPDATE mailboxes SET status = 'error', last_error = 'SMTP authentication failed' WHERE id = ?")
			.param(broken)
			.update();
		UUID stray = setup.mailbox(account, "jo@unknown-domain.test", 2525, 30, 0, 0).id();
		UUID ada = setup.contact(account, "ada@client.test", "Ada", "").id();
		UUID bob = setup.contact(account, "bob@client.test", "", "").id();
		assertThat(api
			.patch("/api/v1/campaigns/" + id,
					"""
							{"mailboxIds":["%s","%s","%s"],
							 "steps":[{"delayMinutes":0,"variants":[
							   {"subject":"Hi {{ first_name }}","html":"<p>Hello {{ first_name }}</p>"},
							   {"subject":"Hey {{ first_name | default: 'there' }}","html":"<p>Hey</p>"}]}]}"""
						.formatted(good, broken, stray))
			.status()).isEqualTo(200);
		assertThat(api
			.post("/api/v1/campaigns/" + id + "/recipients", "{\"contactIds\":[\"" + ada + "\",\"" + bob + "\"]}")
			.body()
			.get("added")
			.asInt()).isEqualTo(2);
		Api.Response refused = api.post("/api/v1/campaigns/" + id + "/launch", "");
		assertThat(refused.status()).isEqualTo(422);
		String reasons = refused.body().get("reasons").toString();
		assertThat(reasons).contains("broken@" + verified + " is in error (SMTP authentication failed)")
			.contains("unknown-domain.test of jo@unknown-domain.test is not a domain of this workspace")
			.contains("step 1 variant A: no value for first_name for 1 recipient (e.g. bob@client.test")
			.doesNotContain("variant B")
			.doesNotContain("no recipients");

		// Fixed: the launch goes through; the campaign runs.
		api.patch("/api/v1/campaigns/" + id,
				"""
						{"mailboxIds":["%s"],
						 "steps":[{"delayMinutes":0,"variants":[{"subject":"Hi {{ first_name | default: 'there' }}","html":"<p>Hello</p>"}]}]}"""
					.formatted(good));
		JsonNode running = api.post("/api/v1/campaigns/" + id + "/launch", "").body();
		assertThat(running.get("status").asText()).isEqualTo("running");
		assertThat(api.post("/api/v1/campaigns/" + id + "/launch", "").status()).isEqualTo(409);
		assertThat(api.post("/api/v1/campaigns/" + id + "/pause", "").body().get("status").asText())
			.isEqualTo("paused");
		assertThat(api.post("/api/v1/campaigns/" + id + "/resume", "").body().get("status").asText())
			.isEqualTo("running");
		// Recipients can join while it runs.
		UUID cat = setup.contact(account, "cat@client.test", "Cat", "").id();
		api.post("/api/v1/campaigns/" + id + "/recipients", "{\"contactIds\":[\"" + cat + "\"]}");
		assertThat(api.get("/api/v1/campaigns/" + id + "/recipients").body().get("active").asInt()).isEqualTo(3);
		assertThat(api.get("/api/v1/campaigns").body().get("data")).hasSize(1);
	}

	@Test
	void badDraftsAreProblemsAndCampaignsStayInTheirWorkspace() throws Exception {
		Account account = fixtures.verifiedAccount("campaign-rules");
		Api api = fixtures.api(account, "campaigns:write", "contacts:write");
		assertThat(api.post("/api/v1/campaigns", "{\"name\":\"\"}").status()).isEqualTo(400);
		assertThat(api
			.post("/api/v1/campaigns",
					"{\"name\":\"x\",\"schedule\":{\"timeZone\":\"Mars/Base\",\"days\":[1],\"domainPacePerHour\":5}}")
			.status()).isEqualTo(400);
		assertThat(api
			.post("/api/v1/campaigns",
					"{\"name\":\"x\",\"schedule\":{\"timeZone\":\"UTC\",\"days\":[8],\"domainPacePerHour\":5}}")
			.status()).isEqualTo(400);
		assertThat(api.post("/api/v1/campaigns", """
				{"name":"x","schedule":{"timeZone":"UTC","days":[1],"windowStart":"18:00","windowEnd":"09:00"}}""")
			.status()).isEqualTo(400);
		assertThat(api.post("/api/v1/campaigns", "{\"name\":\"x\",\"steps\":[{\"delayMinutes\":0,\"variants\":[]}]}")
			.status()).isEqualTo(400);
		Api.Response injected = api.post("/api/v1/campaigns",
				"""
						{"name":"x","steps":[{"delayMinutes":0,"variants":[{"subject":"Hi\\r\\nBcc: all@x.test","html":"<p>x</p>"}]}]}""");
		assertThat(injected.status()).isEqualTo(400);
		assertThat(injected.body().get("detail").asText()).contains("one line");

		String id = api.post("/api/v1/campaigns", "{\"name\":\"Mine\"}").body().get("id").asText();
		Account stranger = fixtures.verifiedAccount("campaign-stranger");
		Api theirs = fixtures.api(stranger, "campaigns:write", "contacts:write");
		assertThat(theirs.get("/api/v1/campaigns/" + id).status()).isEqualTo(404);
		assertThat(theirs.patch("/api/v1/campaigns/" + id, "{\"name\":\"Theirs\"}").status()).isEqualTo(404);
		assertThat(theirs.post("/api/v1/campaigns/" + id + "/launch", "").status()).isEqualTo(404);
		assertThat(theirs.get("/api/v1/campaigns").body().get("data")).isEmpty();
		// Their contacts cannot be enrolled in my campaign, nor my mailboxes used by
		// them.
		UUID theirContact = setup.contact(stranger, "x@client.test", "X", "").id();
		Api.Response foreign = api.post("/api/v1/campaigns/" + id + "/recipients",
				"{\"contactIds\":[\"" + theirContact + "\"]}");
		assertThat(foreign.status()).isEqualTo(404);
		assertThat(foreign.body().get("unknownIds").toString()).contains(theirContact.toString());
		assertThat(foreign.body().get("detail").asText()).contains(theirContact.toString());
		String domain = setup.verifiedDomain(account);
		UUID mine = setup.mailbox(account, "me@" + domain, 2525, 30, 0, 0).id();
		String theirCampaign = theirs.post("/api/v1/campaigns", "{\"name\":\"Theirs\"}").body().get("id").asText();
		Api.Response foreignMailbox = theirs.patch("/api/v1/campaigns/" + theirCampaign,
				"{\"mailboxIds\":[\"" + mine + "\"]}");
		assertThat(foreignMailbox.status()).isEqualTo(404);
		assertThat(foreignMailbox.body().get("unknownIds").get(0).asText()).isEqualTo(mine.toString());
		UUID myList = UUID.fromString(api.post("/api/v1/lists", "{\"name\":\"Mine\"}").body().get("id").asText());
		Api.Response foreignList = theirs.post("/api/v1/campaigns/" + theirCampaign + "/recipients",
				"{\"listIds\":[\"" + myList + "\"]}");
		assertThat(foreignList.status()).isEqualTo(404);
		assertThat(foreignList.body().get("unknownIds").get(0).asText()).isEqualTo(myList.toString());
		// A read-only key and a viewer cannot change anything.
		Api readOnly = fixtures.api(account, "campaigns:read");
		assertThat(readOnly.get("/api/v1/campaigns/" + id).status()).isEqualTo(200);
		assertThat(readOnly.post("/api/v1/campaigns/" + id + "/launch", "").status()).isEqualTo(403);
		Tenant viewer = new Tenant(account.workspaceId(), account.userId(), WorkspaceRole.VIEWER, Set.of(), null);
		assertThatThrownBy(() -> campaigns.pause(viewer, UUID.fromString(id))).isInstanceOf(AccessDeniedProblem.class);
	}

}
