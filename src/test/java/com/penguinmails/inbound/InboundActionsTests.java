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

	@Test
	void aComplaintSuppressesStopsAndPausesAMailboxOverTheLimitWithAnAlert() throws Exception {
		Sent sent = sent("inbound-complaint");
		deliverRaw(sent.sender().user(),
				arf(sent.sender().mailbox().email(), sent.to(), sent.outboxId(), sent.messageId()));
		sync(sent);

		assertThat(stored(sent).get("kind")).isEqualTo("complaint");
		assertThat(stored(sent).get("sent_by")).isEqualTo(sent.sender().mailbox().id());
		assertThat(suppression(sent)).isEqualTo("complaint");
		assertThat(contactStatus(sent)).isEqualTo("complained");
		assertThat(enrolment(sent)).isEqualTo("stopped complained");
		// One complaint for one message sent: far over 0.3%.
		assertThat(fixtures.jdbc()
			.sql("SELECT status FROM mailboxes WHERE id = ?")
			.param(sent.sender().mailbox().id())
			.query(String.class)
			.single()).isEqualTo("paused");
		await().untilAsserted(() -> assertThat(fixtures.jdbc()
			.sql("SELECT severity || ': ' || title FROM alerts WHERE workspace_id = ?")
			.param(sent.sender().account().workspaceId())
			.query(String.class)
			.list())
			.contains("critical: " + sent.sender().mailbox().email() + " was paused: too many spam complaints"));
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
		assertThat(fixtures.jdbc()
			.sql("SELECT status FROM mailboxes WHERE id = ?")
			.param(sent.sender().mailbox().id())
			.query(String.class)
			.single()).isEqualTo("active");
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
		// A hard bounce for an address the suppression list refuses ("exa_mple" is no
		// host name): suppressing it fails.
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
		assertThat(bounce.get("outbox_id")).isNull();
		// The address is still suppressed: it does not exist, whoever wrote to it.
		assertThat(suppressions.isSuppressed(sent.sender().account().workspaceId(), "stranger@else.test")).isTrue();
		assertThat(enrolment(sent)).isEqualTo("active ");
		assertThat(List.of(suppression(sent) == null)).containsExactly(true);
	}

}
