package com.penguinmails.webhooks.internal.catalogue;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.inbound.BounceReceived;
import com.penguinmails.inbound.ComplaintReceived;
import com.penguinmails.inbound.ConversationLabelled;
import com.penguinmails.inbound.ReplyReceived;
import com.penguinmails.inbound.UnsubscribeReceived;
import com.penguinmails.shared.BounceReason;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.webhooks.EventType;
import com.penguinmails.webhooks.internal.catalogue.CatalogueFixtures.Sent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inbound's events in the catalogue: a bounce report, a reply (with its conversation's
 * label), an auto-reply, a label set in the inbox, an unsubscribe by mail and a
 * complaint, each stored once however often it is seen.
 */
@IntegrationTest
class InboundEventsTests {

	private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

	@Autowired
	CatalogueFixtures catalogue;

	@Test
	void aBounceReportIsBouncedOnceWithItsReason() {
		Sent sent = catalogue.sent("catalogue-dsn");
		BounceReceived bounce = new BounceReceived(sent.workspaceId(), sent.mailboxId(), sent.campaignId(),
				sent.enrolmentId(), 1, 1, sent.outboxId(), sent.to(), "soft", BounceReason.MAILBOX_FULL, "4.2.2", "452",
				"mx.client.test", "452 4.2.2 The email account that you tried to reach is over quota",
				UUID.randomUUID(), AT);
		catalogue.publish(bounce, bounce);

		List<JsonNode> bounced = catalogue.payloads(sent.workspaceId(), EventType.MESSAGE_BOUNCED);
		assertThat(bounced).hasSize(1);
		JsonNode details = bounced.get(0).at("/data/bounce");
		assertThat(details.get("type").asText()).isEqualTo("soft");
		assertThat(details.get("reason").asText()).isEqualTo("mailbox_full");
		assertThat(details.get("status").asText()).isEqualTo("4.2.2");
		assertThat(details.get("reply_code").asText()).isEqualTo("452");
		assertThat(details.get("remote_mta").asText()).isEqualTo("mx.client.test");
		assertThat(details.get("diagnostic").asText()).contains("over quota");
		assertThat(bounced.get(0).at("/data/contact/id").asText()).isEqualTo(sent.contactId().toString());
	}

	@Test
	void aReplyCarriesItsConversationsLabelAndAnAutoReplyIsItsOwnType() {
		Sent sent = catalogue.sent("catalogue-reply");
		UUID thread = UUID.randomUUID();
		UUID reply = inbound(sent, thread, "reply", "interested");
		UUID outOfOffice = inbound(sent, UUID.randomUUID(), "auto_reply", null);
		ReplyReceived received = new ReplyReceived(sent.workspaceId(), sent.mailboxId(), sent.campaignId(),
				sent.enrolmentId(), 1, 1, sent.outboxId(), sent.contactId(), sent.to(), false, reply, AT);
		catalogue.publish(received, received,
				new ReplyReceived(sent.workspaceId(), sent.mailboxId(), sent.campaignId(), sent.enrolmentId(), 1, 1,
						sent.outboxId(), sent.contactId(), sent.to(), true, outOfOffice, AT.plusSeconds(5)));

		List<JsonNode> replied = catalogue.payloads(sent.workspaceId(), EventType.MESSAGE_REPLIED);
		assertThat(replied).hasSize(1);
		JsonNode data = replied.get(0).get("data");
		assertThat(data.at("/reply/id").asText()).isEqualTo(reply.toString());
		assertThat(data.at("/reply/from").asText()).isEqualTo(sent.to());
		assertThat(data.at("/reply/intent").asText()).isEqualTo("interested");
		assertThat(data.at("/campaign/name").asText()).isEqualTo("Launch catalogue-reply");
		List<JsonNode> automatic = catalogue.payloads(sent.workspaceId(), EventType.MESSAGE_AUTO_REPLIED);
		assertThat(automatic).hasSize(1);
		assertThat(automatic.get(0).at("/data/reply/intent").isMissingNode()).isTrue();
	}

	@Test
	void aLabelSetInTheInboxIsReplyLabelledWithTheConversationsContact() {
		Sent sent = catalogue.sent("catalogue-label");
		UUID thread = UUID.randomUUID();
		inbound(sent, thread, "reply", "meeting_booked");
		ConversationLabelled labelled = new ConversationLabelled(sent.workspaceId(), thread, "meeting_booked", AT);
		catalogue.publish(labelled, labelled,
				new ConversationLabelled(sent.workspaceId(), thread, null, AT.plusSeconds(60)));

		List<JsonNode> labels = catalogue.payloads(sent.workspaceId(), EventType.REPLY_LABELLED);
		assertThat(labels).hasSize(2);
		JsonNode data = labels.get(0).get("data");
		assertThat(data.at("/conversation/id").asText()).isEqualTo(thread.toString());
		assertThat(data.at("/conversation/label").asText()).isEqualTo("meeting_booked");
		assertThat(data.at("/conversation/positive").asBoolean()).isTrue();
		assertThat(data.at("/contact/id").asText()).isEqualTo(sent.contactId().toString());
		assertThat(data.at("/campaign/id").asText()).isEqualTo(sent.campaignId().toString());
		assertThat(labels.get(1).at("/data/conversation/label").isMissingNode()).as("cleared").isTrue();
		assertThat(catalogue.orderingKeys(sent.workspaceId(), EventType.REPLY_LABELLED))
			.containsOnly(sent.contactId().toString());
	}

	@Test
	void aLabelOfAConversationNotFoundStillGoesOutWithWhatIsKnown() {
		UUID workspace = catalogue.workspace("catalogue-label-unknown");
		UUID thread = UUID.randomUUID();
		catalogue.publish(new ConversationLabelled(workspace, thread, "interested", AT));

		List<JsonNode> labels = catalogue.payloads(workspace, EventType.REPLY_LABELLED);
		assertThat(labels).hasSize(1);
		JsonNode data = labels.get(0).get("data");
		assertThat(data.at("/conversation/id").asText()).isEqualTo(thread.toString());
		assertThat(data.has("contact")).isFalse();
	}

	@Test
	void anUnsubscribeByMailAndAComplaintAreStoredOnce() {
		Sent sent = catalogue.sent("catalogue-mail-unsub");
		UnsubscribeReceived unsubscribe = new UnsubscribeReceived(sent.workspaceId(), sent.mailboxId(),
				sent.campaignId(), sent.enrolmentId(), 1, 1, sent.outboxId(), sent.to(), UUID.randomUUID(), AT);
		ComplaintReceived complaint = new ComplaintReceived(sent.workspaceId(), sent.mailboxId(), sent.campaignId(),
				sent.enrolmentId(), 1, 1, sent.outboxId(), sent.to(), "abuse", UUID.randomUUID(), AT);
		catalogue.publish(unsubscribe, unsubscribe, complaint, complaint);

		List<JsonNode> unsubscribed = catalogue.payloads(sent.workspaceId(), EventType.MESSAGE_UNSUBSCRIBED);
		assertThat(unsubscribed).hasSize(1);
		assertThat(unsubscribed.get(0).at("/data/unsubscribe/scope").asText()).isEqualTo("all");
		assertThat(unsubscribed.get(0).at("/data/unsubscribe/source").asText()).isEqualTo("reply");
		List<JsonNode> complained = catalogue.payloads(sent.workspaceId(), EventType.MESSAGE_COMPLAINED);
		assertThat(complained).hasSize(1);
		assertThat(complained.get(0).at("/data/complaint/feedback_type").asText()).isEqualTo("abuse");
		assertThat(complained.get(0).at("/data/message/id").asText()).isEqualTo(sent.outboxId().toString());
	}

	/**
	 * A stored incoming message of the contact in a conversation, as inbound's sync
	 * leaves it (the sync itself is inbound's to test).
	 */
	private UUID inbound(Sent sent, UUID thread, String kind, String label) {
		UUID id = UUID.randomUUID();
		Timestamp at = Timestamp.from(AT);
		catalogue.jdbc()
			.sql("""
					INSERT INTO inbound_threads (id, workspace_id, label, updated_at, latest_in_id, latest_in_at, mailbox_id,
					    campaign_id, has_reply)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, true)
					""")
			.params(thread, sent.workspaceId(), label, at, id, at, sent.mailboxId(), sent.campaignId())
			.update();
		catalogue.jdbc()
			.sql("""
					INSERT INTO inbound_messages (id, workspace_id, mailbox_id, from_address, subject, received_at, kind,
					    outbox_id, campaign_id, enrolment_id, contact_id, thread_id, created_at)
					VALUES (?, ?, ?, ?, 'Re: Hi', ?, ?, ?, ?, ?, ?, ?, ?)
					""")
			.params(id, sent.workspaceId(), sent.mailboxId(), sent.to(), at, kind, sent.outboxId(), sent.campaignId(),
					sent.enrolmentId(), sent.contactId(), thread, at)
			.update();
		return id;
	}

}
