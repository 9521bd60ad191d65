package com.penguinmails.sandbox;

import java.util.List;
import java.util.Optional;

/** Read access to what the sandbox mail server caught, newest first. */
public interface SandboxMailbox {

	List<SandboxMail> messages();

	Optional<SandboxMail> message(int index);

	/**
	 * The port of the sandbox's SMTP server (any login is accepted): a mailbox sending
	 * there is caught, never delivered.
	 */
	int smtpPort();

	/** The port of the sandbox's IMAP server. */
	int imapPort();

}
