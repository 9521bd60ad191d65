package com.penguinmails.sandbox;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import com.penguinmails.inbound.Inbox;
import com.penguinmails.inbound.InboundSync;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxStatus;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A newcomer's whole loop on one machine: a campaign sent into the sandbox, then the
 * recipients answer from the sandbox's page (a reply, an out-of-office, a bounce, a spam
 * report) and the sender's mailbox reads each back.
 */
@IntegrationTest
class SandboxAnswersTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Contacts contacts;

	@Autowired
	Campaigns campaigns;

	@Autowired
	CampaignScheduler scheduler;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	SandboxMailbox sandbox;

	@Autowired
	InboundSync sync;

	@Autowired
	Inbox inbox;

	String caughtFor(String to) {
		return sandbox.messages()
			.stream()
			.filter(mail -> String.join(",", mail.to()).contains(to))
			.findFirst()
			.orElseThrow()
			.id();
	}

	String state(Campaign campaign, String email) {
		return fixtures.jdbc()
			.sql("""
					SELECT e.state || ' ' || coalesce(e.stop_reason, '') FROM enrolments e JOIN contacts c
					ON c.id = e.contact_id WHERE e.campaign_id = ? AND c.email = ?""")
			.params(campaign.id(), email)
			.query(String.class)
			.single();
	}

	@Test
	void recipientsAnswerFromTheSandboxPageAndTheMailboxReadsItBack() throws Exception {
		Account account = fixtures.verifiedAccount("sandbox-answers");
		String tag = UUID.randomUUID().toString().substring(0, 6);
		Mailbox me = mailboxes.add(account.owner(),
				new NewMailbox("me-" + tag + "@my-startup.test", "Me", "sandbox", null, null, "", "", 30, 0, 0));
		List<String> people = List.of("reply-" + tag + "@example.test", "away-" + tag + "@example.test",
				"gone-" + tag + "@example.test");
		List<UUID> ids = people.stream()
			.map(email -> contacts
				.create(account.owner(),
						new Contacts.NewContact(email, "Friend", "", "", "", "", "", "", "", "", Map.of(), List.of()))
				.id())
			.toList();
		Campaign campaign = campaigns.create(account.owner(),
				new Draft("Try the loop", Schedule.defaults(), null, List.of(me.id()),
						List.of(new Step(0, false, List.of(new Variant("Hello {{ first_name }}", "<p>Hi</p>", null))),
								new Step(24 * 60, false, List.of(new Variant("", "<p>Again</p>", null))))));
		campaigns.addRecipients(account.owner(), campaign.id(), ids, null, null);
		campaigns.launch(account.owner(), campaign.id());
		Instant monday = ZonedDateTime.now(ZoneOffset.UTC)
			.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
			.withHour(10)
			.toInstant();
		scheduler.tick(monday);
		while (dispatcher.dispatch(monday, 100) > 0) {
			// drain
		}

		WebSession web = fixtures.signedIn(account);
		String page = web.get("/sandbox/mail/" + caughtFor(people.get(0))).getResponse().getContentAsString();
		assertThat(page).contains("Out of office").contains("Mark as spam");
		web.post("/sandbox/mail/" + caughtFor(people.get(0)) + "/answer", "kind", "reply");
		web.post("/sandbox/mail/" + caughtFor(people.get(1)) + "/answer", "kind", "auto_reply");
		web.post("/sandbox/mail/" + caughtFor(people.get(2)) + "/answer", "kind", "bounce");

		InboundSync.Result result = sync.sync(account.workspaceId(), me.id());
		assertThat(result.error()).isNull();
		assertThat(result.stored()).isEqualTo(3);
		fixtures.enrolmentEventsHandled();
		assertThat(state(campaign, people.get(0))).isEqualTo("stopped replied");
		assertThat(state(campaign, people.get(1))).isEqualTo("active ");
		assertThat(state(campaign, people.get(2))).isEqualTo("stopped bounced");
		assertThat(inbox.threads(account.owner(), Inbox.Filter.replies(), null, 50).data())
			.extracting(Inbox.Thread::kind)
			.containsExactlyInAnyOrder("reply", "auto_reply");
		assertThat(fixtures.jdbc()
			.sql("SELECT reason FROM suppressions WHERE workspace_id = ? AND value = ?")
			.params(account.workspaceId(), people.get(2))
			.query(String.class)
			.single()).isEqualTo("hard_bounce");

		// A spam report suppresses its sender; one complaint for three messages is under
		// the volume the 0.3% pause needs (penguinmails.inbound.complaint-min-sent): the
		// mailbox goes on sending, with a warning.
		web.post("/sandbox/mail/" + caughtFor(people.get(1)) + "/answer", "kind", "complaint");
		assertThat(sync.sync(account.workspaceId(), me.id()).stored()).isEqualTo(1);
		assertThat(fixtures.jdbc()
			.sql("SELECT reason FROM suppressions WHERE workspace_id = ? AND value = ?")
			.params(account.workspaceId(), people.get(1))
			.query(String.class)
			.single()).isEqualTo("complaint");
		assertThat(mailboxes.get(account.owner(), me.id()).status()).isEqualTo(MailboxStatus.ACTIVE);
	}

}
