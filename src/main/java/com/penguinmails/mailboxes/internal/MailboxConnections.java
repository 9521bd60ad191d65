package com.penguinmails.mailboxes.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.ConnectionTest;
import com.penguinmails.mailboxes.MailboxTransport;
import com.penguinmails.mailboxes.SmtpConnectionFailed;
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

	/**
	 * Whether the stored SMTP and IMAP passwords are the same (one app password for
	 * both). The clear passwords are compared here and go nowhere else.
	 */
	public boolean sharePassword(MailboxRepository.Row row) {
		String smtpPassword = secrets.decrypt(row.smtpPassword(), "mailbox:smtp:" + row.id());
		String imapPassword = secrets.decrypt(row.imapPassword(), "mailbox:imap:" + row.id());
		return MessageDigest.isEqual(smtpPassword.getBytes(StandardCharsets.UTF_8),
				imapPassword.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Sends a multipart (text + HTML) message from the mailbox. Names and subject are
	 * encoded by Jakarta Mail (RFC 2047), so no header can be injected through them.
	 */
	public ConnectionTest.Step send(MailboxRepository.Row row, String to, String subject, String html, String text) {
		String password = secrets.decrypt(row.smtpPassword(), "mailbox:smtp:" + row.id());
		return tester.send(row.smtpHost(), row.smtpPort(), row.smtpSecurity(), row.smtpUsername(), password,
				session -> {
					try {
						MimeMessage message = new MimeMessage(session);
						message.setFrom(new InternetAddress(row.email(), row.displayName(), "UTF-8"));
						message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
						if (!row.replyTo().isBlank()) {
							message.setReplyTo(InternetAddress.parse(row.replyTo(), true));
						}
						message.setSubject(subject.replaceAll("[\\r\\n]+", " "), "UTF-8");
						MimeMultipart alternative = new MimeMultipart("alternative");
						MimeBodyPart plain = new MimeBodyPart();
						plain.setText(text, "UTF-8");
						MimeBodyPart rich = new MimeBodyPart();
						rich.setContent(html, "text/html; charset=UTF-8");
						alternative.addBodyPart(plain);
						alternative.addBodyPart(rich);
						message.setContent(alternative);
						message.setSentDate(new java.util.Date());
						message.saveChanges();
						return message;
					}
					catch (MessagingException | java.io.UnsupportedEncodingException ex) {
						throw new IllegalArgumentException(ex.getMessage(), ex);
					}
				});
	}

	/** Connects and logs in to the mailbox's SMTP server, for sending a batch. */
	public MailboxTransport open(MailboxRepository.Row row) throws SmtpConnectionFailed {
		String password = secrets.decrypt(row.smtpPassword(), "mailbox:smtp:" + row.id());
		return SmtpMailboxTransport.open(row.smtpHost(), row.smtpPort(), row.smtpSecurity(), row.smtpUsername(),
				password);
	}

	/** Connects and logs in to the mailbox's IMAP server, for reading it. */
	public jakarta.mail.Store openImap(MailboxRepository.Row row, boolean idle) throws MessagingException {
		String password = secrets.decrypt(row.imapPassword(), "mailbox:imap:" + row.id());
		return tester.openImap(row.imapHost(), row.imapPort(), row.imapSecurity(), row.imapUsername(), password, idle);
	}

	public ConnectionTest test(MailboxRepository.Row row) {
		String smtpPassword = secrets.decrypt(row.smtpPassword(), "mailbox:smtp:" + row.id());
		String imapPassword = secrets.decrypt(row.imapPassword(), "mailbox:imap:" + row.id());
		return new ConnectionTest(
				tester.smtp(row.smtpHost(), row.smtpPort(), row.smtpSecurity(), row.smtpUsername(), smtpPassword),
				tester.imap(row.imapHost(), row.imapPort(), row.imapSecurity(), row.imapUsername(), imapPassword));
	}

}
