package com.penguinmails.delivery.internal;

import java.time.Instant;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.stereotype.Component;

import com.penguinmails.delivery.UnsubscribeLinks;
import com.penguinmails.domains.DkimSigner;
import com.penguinmails.mailboxes.Mailbox;

/**
 * The one way a message leaves PenguinMails: built by {@link MessageBuilder} (Message-ID
 * on the sending domain, List-Unsubscribe and its one-click POST) and DKIM-signed with
 * the From domain's active key when the workspace has one. Campaign sends and template
 * tests both come through here, so a test shows what a campaign sends.
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

	private final UnsubscribeLinks unsubscribe;

	private final DkimSigner dkim;

	SignedMessages(UnsubscribeLinks unsubscribe, DkimSigner dkim) {
		this.unsubscribe = unsubscribe;
		this.dkim = dkim;
	}

	public Prepared prepare(OutboxStore.Claimed row, Mailbox mailbox, Instant now) throws MessagingException {
		String fromDomain = MessageBuilder.domainOf(mailbox.email());
		MimeMessage message = MessageBuilder.build(row, mailbox,
				unsubscribe.url(row.workspaceId(), fromDomain, row.id()), now);
		Optional<MimeMessage> signed = dkim.sign(row.workspaceId(), fromDomain, message);
		return signed.map(m -> new Prepared(m, fromDomain, null))
			.orElseGet(() -> new Prepared(message, null,
					"unsigned: " + fromDomain + " is not a domain of this workspace with an active DKIM key"));
	}

}
