package com.penguinmails.mailboxes.internal;

import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.ConnectionTest;
import com.penguinmails.shared.Secrets;

/** Decrypts a mailbox's passwords only to connect, and encrypts them to store. */
@Component
public class MailboxConnections {

	private final Secrets secrets;

	private final ConnectionTester tester;

	MailboxConnections(Secrets secrets, ConnectionTester tester) {
		this.secrets = secrets;
		this.tester = tester;
	}

	public byte[] encrypt(UUID mailboxId, String server, String password) {
		return secrets.encrypt(password, "mailbox:" + server + ":" + mailboxId);
	}

	public ConnectionTest test(MailboxRepository.Row row) {
		String smtpPassword = secrets.decrypt(row.smtpPassword(), "mailbox:smtp:" + row.id());
		String imapPassword = secrets.decrypt(row.imapPassword(), "mailbox:imap:" + row.id());
		return new ConnectionTest(
				tester.smtp(row.smtpHost(), row.smtpPort(), row.smtpSecurity(), row.smtpUsername(), smtpPassword),
				tester.imap(row.imapHost(), row.imapPort(), row.imapSecurity(), row.imapUsername(), imapPassword));
	}

}
