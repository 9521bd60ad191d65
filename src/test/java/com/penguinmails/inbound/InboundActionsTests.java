package com.penguinmails.inbound;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.contacts.Suppressions;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static com.penguinmails.inbound.InboundFixtures.arf;
import static com.penguinmails.inbound.InboundFixtures.deliverRaw;
import static com.penguinmails.inbound.InboundFixtures.dsn;
import static com.penguinmails.inbound.InboundFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What each kind of inbound mail does once synced: a hard bounce suppresses and stops,
 * three soft bounces suppress, a complaint suppresses, stops and counts against the
 * mailbox (alert at 0.1%, pause at 0.3%), a mailto unsubscribe unsubscribes, and an
 * auto-reply stops nothing.
 */
@IntegrationTest
class InboundActionsTests {

	@Autowired
	InboundFixtures setup;

	@Autowired
	InboundSync sync;

	@Autowired
	Suppressions suppressions;

	@Autowired
	Fixtures fixtures;

	record Sent(Sender sender, Campaign campaign, String to, UUID outboxId, String messageId) {
	}

	Sent sent(String name) {
		Sender sender = setup.sender(name);
		String to = "ada-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
		Campaign campaign = setup.sendTo(sender, to);
		return new Sent(sender, campaign, to, setup.outboxId(campaign), setup.sentMessageId(campaign));
	}

	void sync(Sent sent) {
		InboundSync.Result result = sync.sync(sent.sender().account().workspaceId(), sent.sender().mailbox().id());
		assertThat(result.error()).isNull();
	}

	String enrolment(Sent sent) {
		fixtures.enrolmentEventsHandled();
		return fixtures.jdbc()
			.sql("SELECT state || ' ' || coalesce(stop_reason, '') FROM enrolments WHERE campaign_id = ?")
			.param(sent.campaign().id())
			.query(String.class)
			.single();
	}

	String contactStatus(Sent sent) {
		return fixtures.jdbc()
			.sql("SELECT status FROM contacts WHERE workspace_id = ? AND email = ?")
			.params(sent.sender().account().workspaceId(), sent.to())
			.query(String.class)
			.single();
	}

	String mailboxStatus(Sent sent) {
		return fixtures.jdbc()
			.sql("SELECT status FROM mailboxes WHERE id = ?")
			.param(sent.sender().mailbox().id())
			.query(String.class)
			.single();
	}

	String suppression(Sent sent) {
		return fixtures.jdbc()
			.sql("SELECT reason FROM suppressions WHERE workspace_id = ? AND value = ?")
			.params(sent.sender().account().workspaceId(), sent.to())
			.query(String.class)
			.optional()
			.orElse(null);
	}

	Map<String, Object> stored(Sent sent) {
		return fixtures.jdbc()
			.sql("SELECT * FROM inbound_messages WHERE mailbox_id = ? ORDER BY uid DESC LIMIT 1")
			.param(sent.sender().mailbox().id())
			.query()
			.singleRow();
	}

	@Test
	void aHardBounceSuppressesTheAddressAndStopsTheSequence() throws Exception {
		Sent sent = sent("inbound-hard");
		deliverRaw(sent.sender().user(),
				dsn(sent.sender().mailbox().email(), sent.to(), "failed", "5.1.1",
						"550 5.1.1 <" + sent.to() + ">: Recipient address rejected: User unknown", sent.outboxId(),
						sent.messageId()));
		sync(sent);

		Map<String, Object> bounce = stored(sent);
		assertThat(bounce.get("kind")).isEqualTo("bounce");
		assertThat(bounce.get("bounce_type")).isEqualTo("hard");
		assertThat(bounce.get("bounce_status")).isEqualTo("5.1.1");
		assertThat(bounce.get("outbox_id")).isEqualTo(sent.outboxId());
		assertThat(suppression(sent)).isEqualTo("hard_bounce");
		assertThat(contactStatus(sent)).isEqualTo("bounced");
		assertThat(enrolment(sent)).isEqualTo("stopped bounced");
	}

	@Test
	void aRefusalOfOurSenderNeverSuppressesTheRecipientAndPausesTheMailboxOnTheThird() throws Exception {
		Sent sent = sent("inbound-block");
		for (int i = 1; i <= 3; i++) {
			deliverRaw(sent.sender().user(),
					dsn(sent.sender().mailbox().email(), sent.to(), "failed", "5.7.1",
							"554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org",
							sent.outboxId(), sent.messageId()));
			sync(sent);
			Map<String, Object> bounce = stored(sent);
			assertThat(bounce.get("bounce_type")).isEqualTo("block");
			assertThat(bounce.get("bounce_reason")).isEqualTo("blocked");
			assertThat(bounce.get("reply_code")).isEqualTo("554");
			assertThat(suppression(sent)).isNull();
			assertThat(mailboxStatus(sent)).isEqualTo(i < 3 ? "active" : "paused");
		}
		assertThat(contactStatus(sent)).isEqualTo("active");
		assertThat(enrolment(sent)).isEqualTo("active ");
		await().untilAsserted(() -> assertThat(fixtures.jdbc()
			.sql("SELECT severity || ': ' || title FROM alerts WHERE workspace_id = ?")
			.param(sent.sender().account().workspaceId())
			.query(String.class)
			.list())
			.contains("critical: " + sent.sender().mailbox().email()
					+ " was paused: receivers are refusing its mail (blocked (our IP or domain))"));
	}

	@Test
	void strayRefusalsMayBeBackscatterAndNeverPauseTheMailbox() throws Exception {
		Sent sent = sent("inbound-backscatter");
		for (int i = 1; i <= 3; i++) {
			deliverRaw(sent.sender().user(),
					dsn(sent.sender().mailbox().email(), "someone-" + i + "@else.test", "failed", "5.7.1",
							"554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org",
							UUID.randomUUID(), "<forged-" + i + "@else.test>"));
		}
		sync(sent);

		assertThat(stored(sent).get("bounce_reason")).isEqualTo("blocked");
		assertThat(mailboxStatus(sent)).isEqualTo("active");
	}

	@Test
	void aBounceGivingTheServersOwnReplyKeepsItsReasonCodesAndHost() throws Exception {
		Sent sent = sent("inbound-reason");
		// The reporting MTA's Status says 5.1.1; the receiving server's reply says the
		// mailbox is full: a full mailbox, retried, never suppressed.
		deliverRaw(sent.sender().user(), dsn(sent.sender().mailbox().email(), sent.to(), "failed", "5.1.1",
				"552 5.2.2 Over quota", sent.outboxId(), sent.messageId()));
		sync(sent);

		Map<String, Object> bounce = stored(sent);
		assertThat(bounce.get("bounce_reason")).isEqualTo("mailbox_full");
		assertThat(bounce.get("bounce_type")).isEqualTo("soft");
		assertThat(bounce.get("bounce_status")).isEqualTo("5.2.2");
		assertThat(bounce.get("reply_code")).isEqualTo("552");
		assertThat(suppression(sent)).isNull();
		assertThat(enrolment(sent)).isEqualTo("active ");

		// Shown in the inbox thread, the contact's timeline and its history in the API.
		UUID contactId = fixtures.jdbc()
			.sql("SELECT id FROM contacts WHERE workspace_id = ? AND email = ?")
			.params(sent.sender().account().workspaceId(), sent.to())
			.query(UUID.class)
			.single();
		var history = fixtures.api(sent.sender().account(), "inbox:read").get("/api/v1/inbox/contacts/" + contactId);
		assertThat(history.status()).isEqualTo(200);
		assertThat(history.body().get(0).get("bounceReason").asText()).isEqualTo("mailbox_full");
		assertThat(history.body().get(0).get("replyCode").asText()).isEqualTo("552");
		var web = fixtures.signedIn(sent.sender().account());
		assertThat(web.get("/contacts/" + contactId + "/timeline").getResponse().getContentAsString())
			.contains("mailbox full")
			.contains("552 5.2.2");
		assertThat(web.get("/inbox/" + bounce.get("thread_id")).getResponse().getContentAsString())
			.contains("mailbox full")
			.contains("552 5.2.2");
	}

	@Test
	void anAutoReplyThatQuotesNothingOfOursIsStillAnAutoReply() throws Exception {
		Sent sent = sent("inbound-vacation");
		sent.sender()
			.user()
			.deliver(message(sent.to(), sent.sender().mailbox().email(), "Away until May 5",
					"I am currently away, returning on May 5th.", Map.of("Auto-Submitted", "auto-replied")));
		sync(sent);

		assertThat(stored(sent).get("kind")).isEqualTo("auto_reply");
	}

	@Test
	void aMessageSkippedAsADuplicateIsCountedAndNamed() throws Exception {
		Sent sent = sent("inbound-duplicate");
		Map<String, String> headers = Map.of("In-Reply-To", sent.messageId(), "Message-ID", "<dup-1@client.test>");
		sent.sender()
			.user()
			.deliver(message(sent.to(), sent.sender().mailbox().email(), "Re: Quick question", "Yes.", headers));
		sent.sender()
			.user()
			.deliver(message(sent.to(), sent.sender().mailbox().email(), "Re: Quick question", "Yes.", headers));
		sync(sent);

		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM inbound_messages WHERE mailbox_id = ?")
			.param(sent.sender().mailbox().id())
			.query(Long.class)
			.single()).isEqualTo(1);
		InboundSync.Status status = sync.statuses(sent.sender().account().owner())
			.stream()
			.filter((s) -> s.mailboxId().equals(sent.sender().mailbox().id()))
			.findFirst()
			.orElseThrow();
		assertThat(status.duplicatesSkipped()).isEqualTo(1);
		assertThat(status.lastDuplicate()).contains("<dup-1@client.test>");
	}

	@Test
	void threeSoftBouncesSuppressButDoNotStopTheSequence() throws Exception {
		Sent sent = sent("inbound-soft");
		for (int i = 1; i <= 3; i++) {
			deliverRaw(sent.sender().user(), dsn(sent.sender().mailbox().email(), sent.to(), "failed", "4.2.2",
					"452 4.2.2 Mailbox full", sent.outboxId(), sent.messageId()));
			sync(sent);
			assertThat(stored(sent).get("bounce_type")).isEqualTo("soft");
			assertThat(suppression(sent)).isEqualTo(i < 3 ? null : "soft_bounces");
		}
		assertThat(enrolment(sent)).isEqualTo("active ");
	}

	void sentMore(Sent sent, int messages) {
		fixtures.jdbc()
			.sql("""
					INSERT INTO outbox (id, workspace_id, mailbox_id, to_address, to_domain, subject, html, text,
					    message_id, status, not_before, created_at, sent_at)
					SELECT gen_random_uuid(), ?, ?, 'x' || g || '@else.test', 'else.test', 's', '', '',
					    '<' || gen_random_uuid() || '@x.test>', 'sent', now(), now(), now()
					FROM generate_series(1, ?) g""")
			.params(sent.sender().account().workspaceId(), sent.sender().mailbox().id(), messages)
			.update();
	}

	List<String> alerts(Sent sent) {
		return fixtures.jdbc()
			.sql("SELECT severity || ': ' || title FROM alerts WHERE workspace_id = ?")
			.param(sent.sender().account().workspaceId())
			.query(String.class)
			.list();
	}

	@Test
	void aComplaintSuppressesStopsAndPausesAMailboxOverTheLimitWithAnAlert() throws Exception {
		Sent sent = sent("inbound-complaint");
		// 200 sent in the window (the minimum for a rate to count).
		sentMore(sent, 199);
		deliverRaw(sent.sender().user(),
				arf(sent.sender().mailbox().email(), sent.to(), sent.outboxId(), sent.messageId()));
		sync(sent);

		assertThat(stored(sent).get("kind")).isEqualTo("complaint");
		assertThat(stored(sent).get("sent_by")).isEqualTo(sent.sender().mailbox().id());
		assertThat(suppression(sent)).isEqualTo("complaint");
		assertThat(contactStatus(sent)).isEqualTo("complained");
		assertThat(enrolment(sent)).isEqualTo("stopped complained");
		// One complaint for 200 messages sent: 0.5%, over 0.3%.
		assertThat(mailboxStatus(sent)).isEqualTo("paused");
		assertThat(fixtures.jdbc()
			.sql("SELECT paused_by || ': ' || paused_reason FROM mailboxes WHERE id = ?")
			.param(sent.sender().mailbox().id())
			.query(String.class)
			.single()).isEqualTo("PenguinMails: Spam complaints: 1 for 200 sent in 30 days (0.50%, over 0.3%)");
		await().untilAsserted(() -> assertThat(fixtures.jdbc()
			.sql("SELECT severity || ': ' || title FROM alerts WHERE workspace_id = ?")
			.param(sent.sender().account().workspaceId())
			.query(String.class)
			.list())
			.contains("critical: " + sent.sender().mailbox().email() + " was paused: too many spam complaints"));
	}

	@Test
	void aComplaintBelowTheMinimumVolumeWarnsButNeverPauses() throws Exception {
		Sent sent = sent("inbound-complaint-few");
		// 44 sent, one complaint: 2.3%, yet too few messages for a rate.
		sentMore(sent, 43);
		deliverRaw(sent.sender().user(),
				arf(sent.sender().mailbox().email(), sent.to(), sent.outboxId(), sent.messageId()));
		sync(sent);

		assertThat(suppression(sent)).isEqualTo("complaint");
		assertThat(mailboxStatus(sent)).isEqualTo("active");
		await().untilAsserted(() -> assertThat(alerts(sent))
			.containsExactly("warning: " + sent.sender().mailbox().email() + ": a spam complaint"));
	}

	@Test
	void aComplaintRateBetweenTheThresholdsAlertsWithoutPausing() throws Exception {
		Sent sent = sent("inbound-complaint-rate");
		// 999 more messages sent by the mailbox: one complaint in 1,000 is 0.1%, two
		// 0.2%.
		fixtures.jdbc()
			.sql("""
					INSERT INTO outbox (id, workspace_id, mailbox_id, to_address, to_domain, subject, html, text,
					    message_id, status, not_before, created_at, sent_at)
					SELECT gen_random_uuid(), ?, ?, 'x' || g || '@else.test', 'else.test', 's', '', '',
					    '<' || gen_random_uuid() || '@x.test>', 'sent', now(), now(), now()
					FROM generate_series(1, 999) g""")
			.params(sent.sender().account().workspaceId(), sent.sender().mailbox().id())
			.update();
		deliverRaw(sent.sender().user(),
				arf(sent.sender().mailbox().email(), sent.to(), sent.outboxId(), sent.messageId()));
		sync(sent);

		await().untilAsserted(() -> assertThat(fixtures.jdbc()
			.sql("SELECT severity || ': ' || title FROM alerts WHERE workspace_id = ?")
			.param(sent.sender().account().workspaceId())
			.query(String.class)
			.list()).contains("warning: " + sent.sender().mailbox().email() + ": spam complaints above 0.1%"));
		// A second complaint confirms the rate: no second warning the same day.
		deliverRaw(sent.sender().user(),
				arf(sent.sender().mailbox().email(), sent.to(), sent.outboxId(), sent.messageId()));
		sync(sent);
		await().until(() -> fixtures.jdbc()
			.sql("""
					SELECT count(*) FROM event_publication WHERE event_type LIKE '%ComplaintRateExceeded'
					    AND serialized_event LIKE ? AND completion_date IS NULL""")
			.param("%" + sent.sender().mailbox().id() + "%")
			.query(Long.class)
			.single() == 0);
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM alerts WHERE workspace_id = ? AND title LIKE '%spam complaints above 0.1%'")
			.param(sent.sender().account().workspaceId())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(mailboxStatus(sent)).isEqualTo("active");
	}

	@Test
	void aMailtoUnsubscribeUnsubscribes() throws Exception {
		Sent sent = sent("inbound-mailto");
		sent.sender().user().deliver(message(sent.to(), sent.sender().mailbox().email(), "unsubscribe", "", Map.of()));
		sync(sent);

		assertThat(stored(sent).get("kind")).isEqualTo("unsubscribe");
		assertThat(suppression(sent)).isEqualTo("unsubscribed");
		assertThat(contactStatus(sent)).isEqualTo("unsubscribed");
		assertThat(enrolment(sent)).isEqualTo("stopped unsubscribed");
	}

	@Test
	void anAutoReplyIsMarkedAndStopsNothing() throws Exception {
		Sent sent = sent("inbound-auto");
		sent.sender()
			.user()
			.deliver(message(sent.to(), sent.sender().mailbox().email(), "Automatic reply: Quick question",
					"I am out of the office until Monday.", Map.of("Auto-Submitted", "auto-replied")));
		sync(sent);

		Map<String, Object> reply = stored(sent);
		assertThat(reply.get("kind")).isEqualTo("auto_reply");
		assertThat(reply.get("campaign_id")).isEqualTo(sent.campaign().id());
		assertThat(enrolment(sent)).isEqualTo("active ");
		assertThat(suppression(sent)).isNull();
		assertThat(fixtures.jdbc()
			.sql("SELECT label FROM inbound_threads WHERE id = ?")
			.param(reply.get("thread_id"))
			.query(String.class)
			.single()).isEqualTo("out_of_office");
	}

	@Autowired
	com.penguinmails.campaigns.Campaigns campaigns;

	@Test
	void anAutoReplyStopsTheSequenceWhenTheCampaignAsks() throws Exception {
		Sent sent = sent("inbound-auto-stop");
		campaigns.update(sent.sender().account().owner(), sent.campaign().id(),
				new com.penguinmails.campaigns.Campaigns.Draft(null, null,
						new Campaign.Stops(true, false, true, true, true, false, true), null, null));
		sent.sender()
			.user()
			.deliver(message(sent.to(), sent.sender().mailbox().email(), "Automatic reply: Quick question",
					"I am away until the 3rd.", Map.of("Auto-Submitted", "auto-replied")));
		sync(sent);

		assertThat(stored(sent).get("kind")).isEqualTo("auto_reply");
		assertThat(enrolment(sent)).isEqualTo("stopped auto_replied");
	}

	@Test
	void aMessageWhoseHandlingFailsIsKeptFlaggedAndTheSyncGoesOn() throws Exception {
		Sent sent = sent("inbound-unhandled");
		// A hard bounce for a contact whose address the suppression list refuses
		// ("exa_mple" is no host name): suppressing it fails.
		fixtures.jdbc()
			.sql("INSERT INTO contacts (id, workspace_id, email) VALUES (?, ?, 'someone@exa_mple')")
			.params(UUID.randomUUID(), sent.sender().account().workspaceId())
			.update();
		deliverRaw(sent.sender().user(), dsn(sent.sender().mailbox().email(), "someone@exa_mple", "failed", "5.1.1",
				"550 5.1.1 User unknown", UUID.randomUUID(), "<not-ours@else.test>"));
		sent.sender()
			.user()
			.deliver(message(sent.to(), sent.sender().mailbox().email(), "Re: Quick question", "Still a reply.",
					Map.of("In-Reply-To", sent.messageId())));
		InboundSync.Result result = sync.sync(sent.sender().account().workspaceId(), sent.sender().mailbox().id());

		assertThat(result.error()).isNull();
		assertThat(result.stored()).isEqualTo(2);
		List<Map<String, Object>> rows = fixtures.jdbc()
			.sql("SELECT kind, flags, problems FROM inbound_messages WHERE mailbox_id = ? ORDER BY uid")
			.param(sent.sender().mailbox().id())
			.query()
			.listOfRows();
		assertThat((String) rows.get(0).get("flags")).contains("unhandled");
		assertThat((String) rows.get(0).get("problems")).contains("could not be handled");
		assertThat(rows.get(1).get("kind")).isEqualTo("reply");
		assertThat(enrolment(sent)).isEqualTo("stopped replied");
	}

	@Test
	void aBounceOfSomethingWeNeverSentIsKeptButChangesNothing() throws Exception {
		Sent sent = sent("inbound-stray");
		deliverRaw(sent.sender().user(), dsn(sent.sender().mailbox().email(), "stranger@else.test", "failed", "5.1.1",
				"550 5.1.1 User unknown", UUID.randomUUID(), "<not-ours@else.test>"));
		sync(sent);

		Map<String, Object> bounce = stored(sent);
		assertThat(bounce.get("kind")).isEqualTo("bounce");
		assertThat(bounce.get("bounce_reason")).isEqualTo("user_unknown");
		assertThat(bounce.get("outbox_id")).isNull();
		// A stray bounce names a stranger (a forged or misdirected report): shown, but
		// it suppresses nobody who is not a contact of the workspace.
		assertThat(suppressions.isSuppressed(sent.sender().account().workspaceId(), "stranger@else.test")).isFalse();
		assertThat(enrolment(sent)).isEqualTo("active ");
		assertThat(List.of(suppression(sent) == null)).containsExactly(true);
	}

	@Test
	void aStrayBounceSuppressesAnAddressThatIsAContactOfTheWorkspace() throws Exception {
		Sent sent = sent("inbound-stray-contact");
		UUID workspaceId = sent.sender().account().workspaceId();
		fixtures.jdbc()
			.sql("INSERT INTO contacts (id, workspace_id, email) VALUES (?, ?, 'Known@Else.test')")
			.params(UUID.randomUUID(), workspaceId)
			.update();
		deliverRaw(sent.sender().user(), dsn(sent.sender().mailbox().email(), "known@else.test", "failed", "5.1.1",
				"550 5.1.1 User unknown", UUID.randomUUID(), "<not-ours-either@else.test>"));
		sync(sent);

		assertThat(suppressions.isSuppressed(workspaceId, "known@else.test")).isTrue();
		assertThat(fixtures.jdbc()
			.sql("SELECT status FROM contacts WHERE workspace_id = ? AND email = 'Known@Else.test'")
			.param(workspaceId)
			.query(String.class)
			.single()).isEqualTo("bounced");
	}

}
