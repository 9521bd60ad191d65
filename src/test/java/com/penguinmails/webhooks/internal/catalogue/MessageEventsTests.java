package com.penguinmails.webhooks.internal.catalogue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.delivery.MessageDeferred;
import com.penguinmails.delivery.MessageFailed;
import com.penguinmails.delivery.MessageSent;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.webhooks.EventType;
import com.penguinmails.webhooks.internal.catalogue.CatalogueFixtures.Sent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery's events become {@code message.sent}, {@code message.delivered},
 * {@code message.deferred} (once per message) and {@code message.bounced}, with the
 * shared shapes filled from the outbox and the campaign, each stored once.
 */
@IntegrationTest
class MessageEventsTests {

	@Autowired
	CatalogueFixtures catalogue;

	@Test
	void aSentMessageIsSentAndDeliveredOnceWithItsCampaignContactAndReply() {
		Sent sent = catalogue.sent("catalogue-sent");
		Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		MessageSent event = new MessageSent(sent.workspaceId(), sent.campaignId(), sent.enrolmentId(), 1,
				sent.outboxId(), sent.messageId(), sent.mailboxId(), at, "250 2.0.0 Ok: queued as 4F1C27A0B3");
		catalogue.publish(event, event);

		List<JsonNode> sentEvents = catalogue.payloads(sent.workspaceId(), EventType.MESSAGE_SENT);
		assertThat(sentEvents).as("the same application event twice").hasSize(1);
		JsonNode payload = sentEvents.get(0);
		assertThat(payload.get("type").asText()).isEqualTo("message.sent");
		assertThat(payload.get("timestamp").asText()).isEqualTo(at.toString());
		JsonNode data = payload.get("data");
		assertThat(data.at("/workspace_id").asText()).isEqualTo(sent.workspaceId().toString());
		assertThat(data.at("/campaign/id").asText()).isEqualTo(sent.campaignId().toString());
		assertThat(data.at("/campaign/name").asText()).isEqualTo("Launch catalogue-sent");
		assertThat(data.at("/contact/id").asText()).isEqualTo(sent.contactId().toString());
		assertThat(data.at("/contact/email").asText()).isEqualTo(sent.to());
		assertThat(data.at("/message/id").asText()).isEqualTo(sent.outboxId().toString());
		assertThat(data.at("/message/message_id").asText()).isEqualTo(sent.messageId());
		assertThat(data.at("/message/step").asInt()).as("1-based").isEqualTo(2);
		assertThat(data.at("/message/variant").asText()).isEqualTo("B");
		assertThat(data.at("/mailbox/id").asText()).isEqualTo(sent.mailboxId().toString());
		assertThat(data.has("smtp")).isFalse();

		List<JsonNode> delivered = catalogue.payloads(sent.workspaceId(), EventType.MESSAGE_DELIVERED);
		assertThat(delivered).hasSize(1);
		assertThat(delivered.get(0).at("/data/smtp/reply_code").asText()).isEqualTo("250");
		assertThat(delivered.get(0).at("/data/smtp/reply").asText()).startsWith("250 2.0.0 Ok");
		assertThat(catalogue.orderingKeys(sent.workspaceId(), EventType.MESSAGE_DELIVERED))
			.containsExactly(sent.contactId().toString());
	}

	@Test
	void aMessageDeferredTwiceIsDeferredOnce() {
		Sent sent = catalogue.sent("catalogue-deferred");
		Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		catalogue.publish(
				new MessageDeferred(sent.workspaceId(), sent.campaignId(), sent.outboxId(), sent.mailboxId(), sent.to(),
						"451 4.7.1 Greylisted, try again later", 1, at.plusSeconds(300), at),
				new MessageDeferred(sent.workspaceId(), sent.campaignId(), sent.outboxId(), sent.mailboxId(), sent.to(),
						"451 4.7.1 Greylisted, try again later", 2, at.plusSeconds(1800), at.plusSeconds(300)));

		List<JsonNode> deferred = catalogue.payloads(sent.workspaceId(), EventType.MESSAGE_DEFERRED);
		assertThat(deferred).hasSize(1);
		JsonNode data = deferred.get(0).get("data");
		assertThat(data.get("attempt").asInt()).isEqualTo(1);
		assertThat(data.at("/smtp/reply_code").asText()).isEqualTo("451");
		assertThat(data.at("/smtp/status").asText()).isEqualTo("4.7.1");
		assertThat(data.get("retry_at").asText()).isEqualTo(at.plusSeconds(300).toString());
		assertThat(data.at("/contact/email").asText()).isEqualTo(sent.to());
	}

	@Test
	void aHardBounceAtSmtpTimeIsBouncedWithItsReasonAndOtherFailuresAreNot() {
		Sent sent = catalogue.sent("catalogue-hard");
		Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		String reply = "550 5.1.1 <" + sent.to()
				+ ">: Recipient address rejected: User unknown in virtual mailbox table";
		MessageFailed hard = new MessageFailed(sent.workspaceId(), sent.campaignId(), sent.enrolmentId(), 1,
				sent.outboxId(), sent.to(), true, reply, sent.mailboxId(), at);
		MessageFailed notSent = new MessageFailed(sent.workspaceId(), sent.campaignId(), sent.enrolmentId(), 0,
				java.util.UUID.randomUUID(), sent.to(), false, "not sent: the address is on the suppression list",
				sent.mailboxId(), at);
		catalogue.publish(hard, hard, notSent);

		List<JsonNode> bounced = catalogue.payloads(sent.workspaceId(), EventType.MESSAGE_BOUNCED);
		assertThat(bounced).hasSize(1);
		JsonNode bounce = bounced.get(0).at("/data/bounce");
		assertThat(bounce.get("type").asText()).isEqualTo("hard");
		assertThat(bounce.get("reason").asText()).isEqualTo("user_unknown");
		assertThat(bounce.get("status").asText()).isEqualTo("5.1.1");
		assertThat(bounce.get("reply_code").asText()).isEqualTo("550");
		assertThat(bounce.get("diagnostic").asText()).isEqualTo(reply);
		assertThat(bounced.get(0).at("/data/message/id").asText()).isEqualTo(sent.outboxId().toString());
	}

}
