package com.penguinmails.webhooks.internal.catalogue;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.delivery.MessageDeferred;
import com.penguinmails.delivery.MessageFailed;
import com.penguinmails.delivery.MessageSent;
import com.penguinmails.shared.BounceReason;
import com.penguinmails.shared.BounceReasons;
import com.penguinmails.webhooks.EventType;
import com.penguinmails.webhooks.internal.catalogue.CatalogueLookups.MessageRef;
import com.penguinmails.webhooks.internal.catalogue.CatalogueLookups.Subject;

/**
 * Delivery's events in the catalogue: {@code message.sent} and {@code message.delivered}
 * (the 2xx reply) from {@link MessageSent}, {@code message.deferred} once per message
 * (not per retry) and {@code message.bounced} for a hard bounce at SMTP time. Each is
 * keyed by the outbox id, so a republished event is one event.
 */
@Component
class MessageEvents {

	private final CatalogueLookups lookups;

	private final CatalogueAppender appender;

	MessageEvents(CatalogueLookups lookups, CatalogueAppender appender) {
		this.lookups = lookups;
		this.appender = appender;
	}

	@ApplicationModuleListener
	void on(MessageSent sent) {
		// Every send passes here: build nothing when no endpoint would store it.
		if (!appender.wanted(sent.workspaceId(), EventType.MESSAGE_SENT, EventType.MESSAGE_DELIVERED)) {
			return;
		}
		MessageRef ref = new MessageRef(sent.campaignId(), sent.outboxId(), sent.mailboxId(), null, sent.step(), null);
		Subject subject = lookups.message(sent.workspaceId(), ref, null);
		if (sent.messageId() != null) {
			((ObjectNode) subject.data().get("message")).put("message_id", sent.messageId());
		}
		appender.append(sent.workspaceId(), EventType.MESSAGE_SENT, sent.outboxId().toString(), subject.orderingKey(),
				sent.sentAt(), subject.data().deepCopy());
		ObjectNode delivered = subject.data();
		// RFC 5321 §4.2: the receiving side's 2xx reply, code and text.
		if (sent.smtpReply() != null) {
			ObjectNode smtp = delivered.putObject("smtp");
			String code = BounceReasons.replyCode(sent.smtpReply());
			if (code != null) {
				smtp.put("reply_code", code);
			}
			smtp.put("reply", sent.smtpReply());
		}
		appender.append(sent.workspaceId(), EventType.MESSAGE_DELIVERED, sent.outboxId().toString(),
				subject.orderingKey(), sent.sentAt(), delivered);
	}

	@ApplicationModuleListener
	void on(MessageDeferred deferred) {
		if (!appender.wanted(deferred.workspaceId(), EventType.MESSAGE_DEFERRED)) {
			return;
		}
		MessageRef ref = new MessageRef(deferred.campaignId(), deferred.outboxId(), deferred.mailboxId(),
				deferred.toAddress(), null, null);
		Subject subject = lookups.message(deferred.workspaceId(), ref, null);
		ObjectNode data = subject.data();
		ObjectNode smtp = data.putObject("smtp");
		CatalogueLookups.putIfPresent(smtp, "reply_code", BounceReasons.replyCode(deferred.smtpReply()));
		CatalogueLookups.putIfPresent(smtp, "status", BounceReasons.status(null, deferred.smtpReply()));
		CatalogueLookups.putIfPresent(smtp, "reply", deferred.smtpReply());
		data.put("attempt", deferred.attempt());
		CatalogueLookups.putIfPresent(data, "retry_at", deferred.retryAt());
		// Once per message: later deferrals of the same message are the same event.
		appender.append(deferred.workspaceId(), EventType.MESSAGE_DEFERRED, deferred.outboxId().toString(),
				subject.orderingKey(), deferred.at(), data);
	}

	@ApplicationModuleListener
	void on(MessageFailed failed) {
		if (!appender.wanted(failed.workspaceId(), EventType.MESSAGE_BOUNCED)) {
			return;
		}
		if (!failed.hardBounce()) {
			// Not sent (suppressed, mailbox removed) or retries exhausted: not a bounce.
			return;
		}
		MessageRef ref = new MessageRef(failed.campaignId(), failed.outboxId(), failed.mailboxId(), failed.toAddress(),
				failed.step(), null);
		Subject subject = lookups.message(failed.workspaceId(), ref, null);
		String reply = failed.smtpReply();
		String status = BounceReasons.status(null, reply);
		String replyCode = BounceReasons.replyCode(reply);
		BounceReason reason = BounceReasons.reason("failed", status, replyCode, reply, null, failed.toAddress(),
				Set.of());
		ObjectNode bounce = subject.data().putObject("bounce");
		bounce.put("type", "hard");
		bounce.put("reason", reason.key());
		CatalogueLookups.putIfPresent(bounce, "status", status);
		CatalogueLookups.putIfPresent(bounce, "reply_code", replyCode);
		CatalogueLookups.putIfPresent(bounce, "diagnostic", reply);
		CatalogueLookups.putIfPresent(bounce, "remote_mta", BounceReasons.remoteHost(reply, null));
		appender.append(failed.workspaceId(), EventType.MESSAGE_BOUNCED, failed.outboxId().toString(),
				subject.orderingKey(), failed.at(), subject.data());
	}

}
