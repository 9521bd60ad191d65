package com.penguinmails.mailboxes;

import java.util.UUID;

/**
 * Which transport took a message: the kind (smtp, postmark, mailgun or ses) and, when a
 * sending route chose one of the workspace's sending providers, its id (null for the
 * mailbox's own transport). Recorded on the outbox row.
 */
public record SentVia(TransportKind kind, UUID providerId) {

	/** The mailbox's own SMTP server. */
	public static final SentVia SMTP = new SentVia(TransportKind.SMTP, null);

}
