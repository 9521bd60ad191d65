package com.penguinmails.inbound.internal;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.penguinmails.delivery.OutgoingMessage;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.inbound.Inbox;
import com.penguinmails.inbound.MessageKind;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.NotFoundProblem;

/**
 * Sends a reply written in the unified inbox the way every message leaves: queued in
 * delivery's outbox (so the suppression list, the mailbox's limits, retries and delivery
 * events apply), from the mailbox the conversation came in on, DKIM-signed with its
 * domain's key by the dispatcher, threaded under the message it answers (RFC 5322
 * §3.6.4), with the outbox's Message-ID rule; and stores it in the conversation at once.
 * If delivery fails for good, the entry is flagged {@code not_delivered} with the
 * server's reply ({@link #notDelivered}).
 */
@Component
public class InboxReplies {

	private static final Pattern REPLY_PREFIX = Pattern.compile("^\\s*re\\s*:", Pattern.CASE_INSENSITIVE);

	/** The message being answered, and where the conversation stands. */
	public record Answer(UUID workspaceId, UUID threadId, UUID mailboxId, String to, String subject, String messageId,
			String references, UUID campaignId, UUID enrolmentId, UUID contactId) {
	}

	private final Mailboxes mailboxes;

	private final Outbox outbox;

	private final InboundStore store;

	InboxReplies(Mailboxes mailboxes, Outbox outbox, InboundStore store) {
		this.mailboxes = mailboxes;
		this.outbox = outbox;
		this.store = store;
	}

	/**
	 * Queues the reply {@code text} (plain text) to {@code answer}, to leave at or after
	 * {@code notBefore}, and stores it in the conversation.
	 * @throws NotFoundProblem when the conversation's mailbox was deleted
	 */
	public Inbox.Entry send(Answer answer, String text, Instant notBefore, Instant now) {
		Mailbox mailbox = mailboxes.find(answer.workspaceId(), answer.mailboxId())
			.orElseThrow(() -> new NotFoundProblem("Mailbox"));
		String subject = answer.subject() == null || answer.subject().isBlank() ? "Re: your message"
				: REPLY_PREFIX.matcher(answer.subject()).find() ? answer.subject() : "Re: " + answer.subject();
		String references = ((answer.references() == null ? "" : answer.references()) + " "
				+ (answer.messageId() == null ? "" : answer.messageId()))
			.strip();
		// Not a campaign's message: no campaign, no enrolment, so no list headers and
		// nothing counted in a campaign's figures.
		Outbox.Queued queued = outbox
			.enqueue(new OutgoingMessage(answer.workspaceId(), null, null, 0, 0, mailbox.id(), mailbox.email(),
					answer.contactId(), answer.to(), "", subject.replaceAll("[\\r\\n]+", " "), null, text,
					answer.messageId(), references.isEmpty() ? null : references), notBefore)
			.orElseThrow();
		UUID id = UUID.randomUUID();
		store.insert(new InboundStore.NewMessage(id, answer.workspaceId(), answer.mailboxId(), "out", null, null, null,
				queued.messageId(), answer.messageId(), references, mailbox.email(), mailbox.displayName(), answer.to(),
				subject, now, now, text.length(), MessageKind.REPLY, null, null, null, null, null, null, null, "", "",
				text, "", null, queued.outboxId(), null, answer.campaignId(), answer.enrolmentId(), answer.contactId(),
				answer.threadId(), false), now);
		return new Inbox.Entry(id, "out", mailbox.email(), answer.to(), subject, text, now, "reply", "", "", null, null,
				null, null, null, null, null);
	}

	/**
	 * A queued reply that failed for good: its entry says so, with the server's reply.
	 */
	public void notDelivered(UUID workspaceId, UUID outboxId, String reply) {
		store.flagOut(workspaceId, outboxId, "not_delivered", "Not delivered: " + (reply == null ? "" : reply));
	}

}
