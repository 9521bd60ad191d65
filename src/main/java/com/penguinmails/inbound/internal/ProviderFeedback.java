package com.penguinmails.inbound.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.delivery.Outbox;
import com.penguinmails.delivery.Outbox.Sent;
import com.penguinmails.inbound.MessageKind;

/**
 * What a provider's event sets off, through the same path as a bounce or complaint read
 * over IMAP: the message of ours it concerns is found (our X-PenguinMails-ID, the
 * provider's id kept as the queue id, or our Message-ID), a bounce or complaint is stored
 * as an inbound message (folder {@code provider:<name>}, never in the inbox's unread) and
 * handed to {@link InboundActions} (suppression, sequence stop, mailbox pause, events for
 * analytics and the dashboard). One bounce per message: a provider's bounce of a message
 * already bounced (by a DSN, or the provider before) is kept as a duplicate and sets off
 * nothing; a provider's retry of an event (same id) likewise.
 */
@Component
class ProviderFeedback {

	private final ProviderWebhookStore store;

	private final InboundStore inbound;

	private final InboundActions actions;

	private final Outbox outbox;

	private final Clock clock;

	ProviderFeedback(ProviderWebhookStore store, InboundStore inbound, InboundActions actions, Outbox outbox,
			Clock clock) {
		this.store = store;
		this.inbound = inbound;
		this.actions = actions;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * Handles one event; returns its outcome (handled, duplicate, unmatched, ignored).
	 */
	@Transactional
	public String handle(UUID workspaceId, String provider, ProviderEvent event, String body) {
		Instant now = clock.instant();
		Optional<Sent> sent = match(workspaceId, event);
		UUID id = UUID.randomUUID();
		UUID outboxId = sent.map(s -> s.recipient().outboxId()).orElse(null);
		if (!store.event(id, workspaceId, provider, event.kind().value, event.key(), event.providerMessageId(),
				outboxId, "handled", "", body, now)) {
			return "duplicate";
		}
		if (sent.isEmpty()) {
			store.outcome(id, "unmatched", "No message of ours has this id.");
			return "unmatched";
		}
		Sent message = sent.get();
		InboundProcessor.Source source = new InboundProcessor.Source(workspaceId, message.mailboxId(),
				"provider:" + provider, 0, ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), now, body.length());
		switch (event.kind()) {
			case BOUNCED -> {
				if (store.bounced(workspaceId, message.recipient().outboxId())) {
					store.outcome(id, "duplicate", "This message's bounce was already reported.");
					return "duplicate";
				}
				BouncedRecipient bounce = event.bounce();
				UUID inboundId = UUID.randomUUID();
				inbound.insert(stored(inboundId, source, provider, MessageKind.BOUNCE, message, bounce,
						"Bounce reported by " + provider), now);
				actions.bounced(source, sent, bounce, inboundId);
				store.outcome(id, "handled", bounce.type() + " bounce: " + bounce.reason().label());
			}
			case COMPLAINED -> {
				UUID inboundId = UUID.randomUUID();
				inbound.insert(stored(inboundId, source, provider, MessageKind.COMPLAINT, message, null,
						"Spam complaint reported by " + provider), now);
				Complaint complaint = new Complaint(event.feedbackType(), null, event.recipient(), null, null);
				actions.complained(source, sent,
						new Classification(Classification.Kind.COMPLAINT, null, complaint, null, null, List.of()),
						inboundId, now);
				store.outcome(id, "handled", "complaint");
			}
			case DELIVERED -> store.outcome(id, "handled", "delivered: the receiving server accepted it");
			default -> {
				// Opens and clicks are counted by our own pixel and links (the providers'
				// tracking stays off), so counting theirs would count twice.
				store.outcome(id, "ignored", event.kind().value
						+ ": opens and clicks are counted by PenguinMails' own tracking, not the provider's");
				return "ignored";
			}
		}
		return "handled";
	}

	/**
	 * Handles one event read from the provider's own list (reconciliation): an event the
	 * webhooks delivered already (same key) is left alone, one about no message of ours
	 * is not kept (the list holds all of the account's mail), any other is handled as
	 * {@link #handle} does and marked as found by reconciliation.
	 * @return true when it was missed by the webhooks and is now handled
	 */
	@Transactional
	public boolean reconcile(UUID workspaceId, String provider, ProviderEvent event, String body) {
		if (event.key() == null || store.known(workspaceId, provider, event.key())
				|| match(workspaceId, event).isEmpty()) {
			return false;
		}
		handle(workspaceId, provider, event, body);
		store.foundByReconciliation(workspaceId, provider, event.key());
		return true;
	}

	/** Stores a body that could not be read, as received, for inspection. */
	@Transactional
	public void malformed(UUID workspaceId, String provider, String body, String problem) {
		store.event(UUID.randomUUID(), workspaceId, provider, "", null, null, null, "malformed", problem, body,
				clock.instant());
	}

	private Optional<Sent> match(UUID workspaceId, ProviderEvent event) {
		Optional<Sent> found = Optional.empty();
		if (event.penguinId() != null) {
			try {
				found = outbox.sent(workspaceId, UUID.fromString(event.penguinId()));
			}
			catch (IllegalArgumentException ex) {
				// Not ours.
			}
		}
		if (found.isEmpty()) {
			found = outbox.sentWithQueueId(workspaceId, event.providerMessageId());
		}
		if (found.isEmpty() && event.messageId() != null) {
			found = outbox.sentWithMessageIds(workspaceId, List.of(event.messageId())).stream().findFirst();
		}
		return found;
	}

	private static InboundStore.NewMessage stored(UUID id, InboundProcessor.Source source, String provider,
			MessageKind kind, Sent sent, BouncedRecipient bounce, String subject) {
		Outbox.Recipient recipient = sent.recipient();
		UUID thread = recipient.enrolmentId() != null ? recipient.enrolmentId() : recipient.outboxId();
		return new InboundStore.NewMessage(id, source.workspaceId(), source.mailboxId(), "in", source.folder(),
				source.uidValidity(), source.uid(), null, sent.messageId(), sent.messageId(), provider, provider,
				recipient.address(), subject, source.receivedAt(), source.receivedAt(), source.size(), kind,
				bounce == null ? null : bounce.type(), bounce == null ? null : clip(bounce.status(), 16),
				bounce == null ? recipient.address() : clip(bounce.address(), 320),
				bounce == null ? null : clip(bounce.diagnostic(), 1000), bounce == null ? null : bounce.reason().key(),
				bounce == null ? null : clip(bounce.replyCode(), 3),
				bounce == null ? null : clip(bounce.remoteMta(), 255), "provider", "", "", "", null,
				recipient.outboxId(), sent.mailboxId(), recipient.campaignId(), recipient.enrolmentId(),
				recipient.contactId(), thread, false);
	}

	private static String clip(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

}
