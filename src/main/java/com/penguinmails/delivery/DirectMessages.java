package com.penguinmails.delivery;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.stereotype.Service;

import com.penguinmails.delivery.internal.OutboxStore;
import com.penguinmails.delivery.internal.SignedMessages;
import com.penguinmails.mailboxes.Mailbox;

/**
 * Messages that leave a mailbox without the outbox: warmup mail and placement tests. They
 * are built and DKIM-signed exactly as campaign mail is (Message-ID on the sending
 * domain, the mailbox's signature, the From domain's active key), but carry no
 * List-Unsubscribe, no tracking, and never count in sending limits or campaign figures:
 * the caller sends them over {@link com.penguinmails.mailboxes.Mailboxes#connect}.
 */
@Service
public class DirectMessages {

	private final SignedMessages messages;

	private final Clock clock;

	DirectMessages(SignedMessages messages, Clock clock) {
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * One message to build.
	 *
	 * @param id the message's own id (its {@code X-PenguinMails-ID})
	 * @param messageId the RFC 5322 Message-ID with angle brackets, e.g. from
	 * {@link Outbox#messageId(UUID, String)}
	 * @param html the HTML body, or null for a text/plain message
	 * @param text the text body (the text/plain part; with {@code html}, its alternative)
	 * @param inReplyTo RFC 5322 §3.6.4 In-Reply-To ({@code <id>}), or null
	 * @param references RFC 5322 §3.6.4 References ({@code <id> <id>}), or null
	 * @param headers extra headers set before signing (one-line values), e.g.
	 * {@code X-PenguinMails-Warmup}
	 */
	public record Direct(UUID id, String messageId, String to, String toName, String subject, String html, String text,
			String inReplyTo, String references, Map<String, String> headers) {
	}

	/**
	 * A message ready for {@link com.penguinmails.mailboxes.MailboxTransport#send}.
	 *
	 * @param dkimDomain the d= of its DKIM signature, or null when unsigned (the From
	 * domain is not one of the workspace's domains with an active key)
	 */
	public record Built(MimeMessage message, String dkimDomain) {
	}

	/**
	 * Builds and signs the message from the mailbox of the workspace.
	 * @throws MessagingException when the message cannot be built (an address that is not
	 * one)
	 */
	public Built build(UUID workspaceId, Mailbox mailbox, Direct direct) throws MessagingException {
		OutboxStore.Claimed row = new OutboxStore.Claimed(direct.id(), workspaceId, null, null, 0, mailbox.id(),
				direct.to(), direct.toName(), direct.subject(), direct.html(), direct.text(), direct.messageId(),
				direct.inReplyTo(), direct.references(), 0, clock.instant());
		SignedMessages.Prepared prepared = messages.prepare(row, mailbox, null,
				direct.headers() == null ? Map.of() : direct.headers(), clock.instant());
		return new Built(prepared.message(), prepared.dkimDomain());
	}

}
