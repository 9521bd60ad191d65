package com.penguinmails.dashboard;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.CampaignScheduler;
import com.penguinmails.campaigns.CampaignStatus;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.delivery.Dispatcher;
import com.penguinmails.inbound.InboundSync;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.sandbox.SandboxMail;
import com.penguinmails.sandbox.SandboxMailbox;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenApiContract;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * "Try it in the sandbox" end to end without a browser: the demo is made and launched,
 * its mail caught by the sandbox, one recipient answers from the sandbox page, the
 * mailbox reads the reply, the sequence stops, the checklist ticks, the dashboard (page
 * and API alike) counts it, and "Remove" takes the demo away.
 */
@IntegrationTest
class SandboxDemoTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Campaigns campaigns;

	@Autowired
	Contacts contacts;

	@Autowired
	CampaignScheduler scheduler;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	SandboxMailbox sandbox;

	@Autowired
	InboundSync sync;

	@Autowired
	SetupChecklist checklist;

	@Autowired
	Dashboard dashboard;

	@Autowired
	MockMvc mvc;

	/**
	 * Runs the demo's campaign as the scheduler and dispatcher would in the next minute.
	 */
	static void send(CampaignScheduler scheduler, Dispatcher dispatcher) {
		// The sends are dated up to a minute ahead, and the dashboard's "today" is the
		// clock's (UTC) day: a minute before midnight they fell on tomorrow (CI,
		// 23:59:34).
		Instant midnight = Instant.now()
			.truncatedTo(java.time.temporal.ChronoUnit.DAYS)
			.plus(java.time.Duration.ofDays(1));
		Instant now = java.util.Collections.min(List.of(Instant.now(), midnight.minusSeconds(61)));
		scheduler.tick(now);
		while (dispatcher.dispatch(now.plusSeconds(60), 100) > 0) {
			// drain: the demo mailbox's gaps are 2 to 5 seconds
		}
	}

	@Test
	void theDemoSendsIsAnsweredCountedAndRemoved() throws Exception {
		Account account = fixtures.verifiedAccount("sandbox-demo");
		WebSession web = fixtures.signedIn(account);
		assertThat(web.get("/").getResponse().getContentAsString()).contains("Try it in the sandbox")
			.contains("0 of 7 done");
		assertThat(web.post("/home/demo").getResponse().getRedirectedUrl()).isEqualTo("/");

		Mailbox demo = mailboxes.list(account.owner()).get(0);
		assertThat(demo.dailyCap()).isEqualTo(10_000);
		assertThat(demo.maxGapSeconds()).isLessThanOrEqualTo(5);
		Campaign campaign = campaigns.list(account.owner()).get(0);
		assertThat(campaign.name()).contains("Demo");
		assertThat(campaign.status()).isEqualTo(CampaignStatus.RUNNING);
		assertThat(campaign.schedule().days()).containsExactly(1, 2, 3, 4, 5, 6, 7);
		assertThat(campaign.schedule().timeZone()).isEqualTo("UTC");
		assertThat(campaign.steps()).hasSize(2);

		send(scheduler, dispatcher);
		List<SandboxMail> caught = sandbox.messages()
			.stream()
			.filter(mail -> demo.email().equals(mail.fromAddress()))
			.toList();
		assertThat(caught).hasSize(SandboxDemo.PEOPLE.size());
		assertThat(caught).allMatch(mail -> mail.to().get(0).contains("@example.test"));

		web.post("/sandbox/mail/" + caught.get(0).id() + "/answer", "kind", "reply");
		assertThat(sync.sync(account.workspaceId(), demo.id()).stored()).isEqualTo(1);
		fixtures.awaitEvents("DailyRollup");
		fixtures.enrolmentEventsHandled();
		assertThat(campaigns.recipients(account.owner(), campaign.id()).stopped()).isEqualTo(1);

		Checklist list = checklist.of(account.owner());
		assertThat(list.items()).filteredOn(Checklist.Item::done)
			.extracting(Checklist.Item::key)
			.containsExactly("mailbox-tested", "contacts-imported", "campaign-launched", "first-reply");
		Summary summary = dashboard.summary(account.owner());
		assertThat(summary.today().sent()).isEqualTo(5);
		assertThat(summary.today().repliedPeople()).isEqualTo(1);
		assertThat(summary.last30Days().replyRate()).isEqualTo(0.2);
		assertThat(summary.mailboxes()).containsEntry("active", 1L);

		// The API says what the page says, as the OpenAPI document describes it.
		OpenApiContract contract = OpenApiContract.served(mvc);
		Api api = fixtures.api(account, "campaigns:read", "mailboxes:read", "domains:read", "workspace:read")
			.checkedBy(contract);
		JsonNode body = api.get("/api/v1/dashboard").body();
		assertThat(body.at("/today/sent").asLong()).isEqualTo(5);
		assertThat(body.at("/last7Days/repliedPeople").asLong()).isEqualTo(1);
		assertThat(body.at("/chart").size()).isEqualTo(30);
		assertThat(contract.violations()).isEmpty();
		String page = web.get("/").getResponse().getContentAsString();
		assertThat(page).contains("4 of 7 done").contains("20.0%").contains("Remove the demo data");

		assertThat(web.post("/home/demo/remove").getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(campaigns.get(account.owner(), campaign.id()).status()).isEqualTo(CampaignStatus.ARCHIVED);
		assertThat(mailboxes.list(account.owner())).isEmpty();
		assertThat(contacts.count(account.owner())).isZero();
		assertThat(web.get("/").getResponse().getContentAsString()).contains("id=\"try-sandbox\"");
	}

	@Test
	void theChecklistHidesForTheWholeWorkspaceAndComesBack() throws Exception {
		Account account = fixtures.verifiedAccount("checklist-dismiss");
		WebSession web = fixtures.signedIn(account);
		web.post("/home/checklist/dismiss");
		assertThat(checklist.of(account.owner()).dismissed()).isTrue();
		assertThat(web.get("/").getResponse().getContentAsString()).doesNotContain("Get set up")
			.contains("Show the setup checklist");
		web.post("/home/checklist/show");
		assertThat(web.get("/").getResponse().getContentAsString()).contains("Get set up");
	}

	@Test
	void removingADemoThatIsNotThereIsANotFound() {
		Account account = fixtures.verifiedAccount("no-demo");
		assertThatThrownBy(() -> demo.remove(account.owner())).isInstanceOf(NotFoundProblem.class);
	}

	@Autowired
	SandboxDemo demo;

	@Test
	void aDashboardKeyWithoutTheReadScopesIsRefused() throws Exception {
		Account account = fixtures.verifiedAccount("dashboard-scope");
		assertThat(fixtures.api(account, "contacts:read").get("/api/v1/dashboard").status()).isEqualTo(403);
	}

}
