package com.penguinmails.delivery.internal;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.stereotype.Component;

import com.penguinmails.delivery.TrackingLinks;
import com.penguinmails.domains.DkimSigner;
import com.penguinmails.mailboxes.Mailbox;

/**
 * The one way a message leaves PenguinMails: built by {@link MessageBuilder} (Message-ID
 * on the sending domain, List-Unsubscribe and its one-click POST, the link tracking
 * mints) and DKIM-signed with the From domain's active key when the workspace has one.
 * Campaign sends and template tests both come through here, so a test shows what a
 * campaign sends.
 */
@Component
public class SignedMessages {

	/**
	 * A message ready for SMTP.
	 *
	 * @param dkimDomain the d= of its signature, or null when unsigned
	 * @param note why it is unsigned, or null
	 */
	public record Prepared(MimeMessage message, String dkimDomain, String note) {
	}

	private final TrackingLinks links;

	private final DkimSigner dkim;

	SignedMessages(TrackingLinks links, DkimSigner dkim) {
		this.links = links;
		this.dkim = dkim;
	}

	/**
	 * A campaign's queued message, with the unsubscribe link of its enrolment's step (the
	 * one its body's {@code {{ unsubscribe_url }}} gives).
	 */
	public Prepared prepare(OutboxStore.Claimed row, Mailbox mailbox, Instant now) throws MessagingException {
		String fromDomain = MessageBuilder.domainOf(mailbox.email());
		if (row.enrolmentId() == null) {
			// A person's own message (an inbox reply): no list, so no List-Unsubscribe.
			return prepare(row, mailbox, null, now);
		}
		return prepare(row, mailbox,
				URI.create(links.unsubscribeUrl(row.workspaceId(), fromDomain, row.enrolmentId(), row.step())), now);
	}

	/**
	 * A message with the given unsubscribe link in its List-Unsubscribe header (null:
	 * none, for a message that is not a campaign's).
	 */
	public Prepared prepare(OutboxStore.Claimed row, Mailbox mailbox, URI unsubscribe, Instant now)
			throws MessagingException {
		return prepare(row, mailbox, unsubscribe, java.util.Map.of(), now);
	}

	/**
	 * A message with extra headers set before it is signed (names of the {@code X-} kind;
	 * each value is kept to one line, so no header can be injected).
	 */
	public Prepared prepare(OutboxStore.Claimed row, Mailbox mailbox, URI unsubscribe,
			java.util.Map<String, String> extraHeaders, Instant now) throws MessagingException {
		String fromDomain = MessageBuilder.domainOf(mailbox.email());
		MimeMessage message = MessageBuilder.build(row, mailbox, unsubscribe, now);
		for (var header : extraHeaders.entrySet()) {
			message.setHeader(MessageBuilder.oneLine(header.getKey()), MessageBuilder.oneLine(header.getValue()));
		}
		Optional<MimeMessage> signed = dkim.sign(row.workspaceId(), fromDomain, message);
		return signed.map(m -> new Prepared(m, fromDomain, null))
			.orElseGet(() -> new Prepared(message, null,
					"unsigned: " + fromDomain + " is not a domain of this workspace with an active DKIM key"));
	}

}
