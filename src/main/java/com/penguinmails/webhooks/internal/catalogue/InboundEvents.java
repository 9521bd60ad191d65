package com.penguinmails.webhooks.internal.catalogue;

import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.inbound.BounceReceived;
import com.penguinmails.inbound.ComplaintReceived;
import com.penguinmails.inbound.ConversationLabelled;
import com.penguinmails.inbound.ReplyReceived;
import com.penguinmails.inbound.UnsubscribeReceived;
import com.penguinmails.webhooks.EventType;
import com.penguinmails.webhooks.internal.catalogue.CatalogueLookups.MessageRef;
import com.penguinmails.webhooks.internal.catalogue.CatalogueLookups.Subject;

/**
 * Inbound's events in the catalogue: bounces read back ({@code message.bounced}), replies
 * ({@code message.replied}, {@code message.auto_replied}), unsubscribes by mail,
 * complaints and conversation labels. Each is keyed by the stored inbound message (or the
 * thread and the time of the label), so a second sync of the same mail is one event.
 */
@Component
class InboundEvents {

	private final CatalogueLookups lookups;

	private final ConversationLookups conversations;

	private final CatalogueAppender appender;

	InboundEvents(CatalogueLookups lookups, ConversationLookups conversations, CatalogueAppender appender) {
		this.lookups = lookups;
		this.conversations = conversations;
		this.appender = appender;
	}

	@ApplicationModuleListener
	void on(BounceReceived bounce) {
		if (!appender.wanted(bounce.workspaceId(), EventType.MESSAGE_BOUNCED)) {
			return;
		}
		Subject subject = lookups.message(bounce.workspaceId(), new MessageRef(bounce.campaignId(), bounce.outboxId(),
				bounce.mailboxId(), bounce.address(), bounce.step(), bounce.variant()), null);
		ObjectNode data = subject.data();
		ObjectNode details = data.putObject("bounce");
		details.put("type", bounce.type());
		details.put("reason", bounce.reason().key());
		CatalogueLookups.putIfPresent(details, "status", bounce.status());
		CatalogueLookups.putIfPresent(details, "reply_code", bounce.replyCode());
		CatalogueLookups.putIfPresent(details, "diagnostic", bounce.diagnostic());
		CatalogueLookups.putIfPresent(details, "remote_mta", bounce.remoteMta());
		appender.append(bounce.workspaceId(), EventType.MESSAGE_BOUNCED, "inbound:" + bounce.inboundId(),
				subject.orderingKey(), bounce.receivedAt(), data);
	}

	@ApplicationModuleListener
	void on(ReplyReceived reply) {
		if (!appender.wanted(reply.workspaceId(), EventType.MESSAGE_AUTO_REPLIED, EventType.MESSAGE_REPLIED)) {
			return;
		}
		Subject subject = lookups.message(reply.workspaceId(), new MessageRef(reply.campaignId(), reply.outboxId(),
				reply.mailboxId(), null, reply.step(), reply.variant()), null);
		ObjectNode data = subject.data();
		String ordering = subject.orderingKey();
		if (reply.contactId() != null) {
			ObjectNode contact = data.has("contact") ? (ObjectNode) data.get("contact") : data.putObject("contact");
			contact.put("id", reply.contactId().toString());
			ordering = reply.contactId().toString();
		}
		ObjectNode details = data.putObject("reply");
		CatalogueLookups.putIfPresent(details, "id", reply.inboundId());
		CatalogueLookups.putIfPresent(details, "from", reply.from());
		// The thread may carry a label already (an earlier reply was labelled).
		conversations.labelOf(reply.workspaceId(), reply.contactId(), reply.inboundId())
			.ifPresent(label -> details.put("intent", label));
		EventType type = reply.automatic() ? EventType.MESSAGE_AUTO_REPLIED : EventType.MESSAGE_REPLIED;
		appender.append(reply.workspaceId(), type, reply.inboundId().toString(), ordering, reply.receivedAt(), data);
	}

	@ApplicationModuleListener
	void on(ConversationLabelled labelled) {
		if (!appender.wanted(labelled.workspaceId(), EventType.REPLY_LABELLED)) {
			return;
		}
		ObjectNode data = lookups.data(labelled.workspaceId());
		Optional<ConversationLookups.Thread> thread = conversations.thread(labelled.workspaceId(), labelled.threadId());
		UUID contactId = thread.map(ConversationLookups.Thread::contactId).orElse(null);
		thread.ifPresent(t -> {
			lookups.campaign(data, labelled.workspaceId(), t.campaignId());
			if (t.contactId() != null || t.contactEmail() != null) {
				ObjectNode contact = data.putObject("contact");
				CatalogueLookups.putIfPresent(contact, "id", t.contactId());
				CatalogueLookups.putIfPresent(contact, "email", t.contactEmail());
			}
			lookups.mailbox(data, labelled.workspaceId(), t.mailboxId(), null);
		});
		ObjectNode conversation = data.putObject("conversation");
		conversation.put("id", labelled.threadId().toString());
		if (labelled.label() != null) {
			conversation.put("label", labelled.label());
		}
		conversation.put("positive", labelled.positive());
		String ordering = contactId != null ? contactId.toString() : null;
		appender.append(labelled.workspaceId(), EventType.REPLY_LABELLED,
				labelled.threadId() + ":" + labelled.at().toEpochMilli(), ordering, labelled.at(), data);
	}

	@ApplicationModuleListener
	void on(UnsubscribeReceived unsubscribe) {
		if (!appender.wanted(unsubscribe.workspaceId(), EventType.MESSAGE_UNSUBSCRIBED)) {
			return;
		}
		Subject subject = lookups.message(
				unsubscribe.workspaceId(), new MessageRef(unsubscribe.campaignId(), unsubscribe.outboxId(),
						unsubscribe.mailboxId(), unsubscribe.address(), unsubscribe.step(), unsubscribe.variant()),
				null);
		ObjectNode details = subject.data().putObject("unsubscribe");
		// RFC 2369 mailto: or a reply saying "unsubscribe": the address is suppressed.
		details.put("scope", "all");
		details.put("source", "reply");
		appender.append(unsubscribe.workspaceId(), EventType.MESSAGE_UNSUBSCRIBED, "inbound:" + unsubscribe.inboundId(),
				subject.orderingKey(), unsubscribe.receivedAt(), subject.data());
	}

	@ApplicationModuleListener
	void on(ComplaintReceived complaint) {
		if (!appender.wanted(complaint.workspaceId(), EventType.MESSAGE_COMPLAINED)) {
			return;
		}
		Subject subject = lookups.message(complaint.workspaceId(),
				new MessageRef(complaint.campaignId(), complaint.outboxId(), complaint.mailboxId(), complaint.address(),
						complaint.step(), complaint.variant()),
				null);
		ObjectNode details = subject.data().putObject("complaint");
		// RFC 5965 §3.1: the Feedback-Type field (abuse, fraud, ...).
		CatalogueLookups.putIfPresent(details, "feedback_type", complaint.feedbackType());
		appender.append(complaint.workspaceId(), EventType.MESSAGE_COMPLAINED, complaint.inboundId().toString(),
				subject.orderingKey(), complaint.receivedAt(), subject.data());
	}

}
