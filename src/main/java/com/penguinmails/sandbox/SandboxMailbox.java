package com.penguinmails.sandbox;

import java.util.List;
import java.util.Optional;

/** Read access to what the sandbox mail server caught, newest first (by its Date). */
public interface SandboxMailbox {

	List<SandboxMail> messages();

	/** The message with this {@link SandboxMail#id() stable id}, if it was caught. */
	Optional<SandboxMail> message(String id);

	/** An attachment's bytes, with what {@link SandboxMail.Attachment} says of it. */
	record AttachmentFile(SandboxMail.Attachment attachment, byte[] content) {
	}

	/**
	 * The {@code index}-th attachment (0-based, as in {@link SandboxMail#attachments()})
	 * of the caught message {@code id}; empty when there is no such message or
	 * attachment.
	 */
	Optional<AttachmentFile> attachment(String id, int index);

	/**
	 * The port of the sandbox's SMTP server (any login is accepted): a mailbox sending
	 * there is caught, never delivered.
	 */
	int smtpPort();

	/** The port of the sandbox's IMAP server. */
	int imapPort();

	/** What a recipient of a caught message can do back, to try the inbound side. */
	enum Answer {

		/** A person's reply, threaded under the message. */
		REPLY,

		/** An out-of-office (RFC 3834 {@code Auto-Submitted: auto-replied}). */
		AUTO_REPLY,

		/** An RFC 3464 delivery status notification: the address does not exist. */
		BOUNCE,

		/** An RFC 5965 ARF report: the recipient marked it as spam. */
		COMPLAINT

	}

	/**
	 * Puts the recipient's answer to the caught message {@code id} in the sender's
	 * sandbox INBOX, where the sender's mailbox reads it at its next sync; empty when
	 * there is no such message.
	 * @return who answered and to whom
	 */
	Optional<String> answer(String id, Answer answer);

}
