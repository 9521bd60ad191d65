package com.penguinmails.mailboxes.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.ConnectionTest;
import com.penguinmails.mailboxes.MailboxTransport;
import com.penguinmails.mailboxes.SentVia;
import com.penguinmails.mailboxes.SmtpConnectionFailed;
import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.shared.Secrets;

/** Decrypts a mailbox's passwords only to connect, and encrypts them to store. */
@Component
public class MailboxConnections {

	private final Secrets secrets;

	private final ConnectionTester tester;

	private final PenguinMailsProperties properties;

	private final ProviderTransports providers;

	MailboxConnections(Secrets secrets, ConnectionTester tester, PenguinMailsProperties properties,
			ProviderTransports providers) {
		this.providers = providers;
		this.secrets = secrets;
		this.tester = tester;
		this.properties = properties;
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
	 * Sends one prepared message (built and signed by the caller) through the mailbox's
	 * SMTP server, or names the stage that failed.
	 */
	public ConnectionTest.Step send(MailboxRepository.Row row, MimeMessage message) {
		if (!row.provider().kind().provider()) {
			return tester.send(smtp(row), message);
		}
		try (MailboxTransport transport = open(row)) {
			com.penguinmails.mailboxes.SmtpReply reply = transport.send(message);
			return reply.accepted() ? new ConnectionTest.Step(true, null, reply.text())
					: new ConnectionTest.Step(false, "message", reply.text());
		}
		catch (SmtpConnectionFailed ex) {
			return new ConnectionTest.Step(false, ex.stage(), ex.getMessage());
		}
	}

	/**
	 * Connects and logs in to the mailbox's SMTP server, or opens its provider's API
	 * transport, for sending a batch.
	 */
	public MailboxTransport open(MailboxRepository.Row row) throws SmtpConnectionFailed {
		if (row.provider().kind().provider()) {
			String context = ProviderTransports.mailboxContext(row.id());
			if (!row.provider().fallbackToSmtp()) {
				return providers.open(context, row.provider());
			}
			return new ChainTransport(
					List.of(new ChainTransport.Link(new SentVia(row.provider().kind(), null),
							row.provider().kind().label(), () -> providers.open(context, row.provider())),
							new ChainTransport.Link(SentVia.SMTP, "SMTP", () -> openSmtp(row))),
					ChainTransport.Failing.NONE);
		}
		return openSmtp(row);
	}

	/**
	 * Opens a route's chain for a batch of the mailbox: the sending providers in order,
	 * then its own SMTP server when {@code thenSmtp}, each opened on first need; a
	 * provider that cannot take a message is told to {@code failing} (its id, why in
	 * words) and the message goes to the next at once.
	 */
	public MailboxTransport openChain(MailboxRepository.Row row, List<RoutingRepository.ProviderRow> chain,
			boolean thenSmtp, java.util.function.BiConsumer<UUID, String> failing) {
		List<ChainTransport.Link> links = new java.util.ArrayList<>();
		for (RoutingRepository.ProviderRow provider : chain) {
			links.add(new ChainTransport.Link(new SentVia(provider.provider().kind(), provider.id()), provider.name(),
					() -> providers.open(ProviderTransports.sendingProviderContext(provider.id()),
							provider.provider())));
		}
		if (thenSmtp) {
			links.add(new ChainTransport.Link(SentVia.SMTP, "SMTP", () -> openSmtp(row)));
		}
		return new ChainTransport(links, (link, why) -> {
			if (link.via().providerId() != null) {
				failing.accept(link.via().providerId(), "A send failed: " + why);
			}
		});
	}

	/** Connects and logs in to the mailbox's own SMTP server, whatever its transport. */
	public MailboxTransport openSmtp(MailboxRepository.Row row) throws SmtpConnectionFailed {
		return SmtpMailboxTransport.open(tester, smtp(row));
	}

	/** The mailbox's SMTP server, its password decrypted for the connection only. */
	private ConnectionTester.SmtpServer smtp(MailboxRepository.Row row) {
		String password = secrets.decrypt(row.smtpPassword(), "mailbox:smtp:" + row.id());
		return new ConnectionTester.SmtpServer(row.smtpHost(), row.smtpPort(), row.smtpSecurity(), row.smtpUsername(),
				password, row.smtpAuth(), properties.heloFor(row.email()));
	}

	/** Connects and logs in to the mailbox's IMAP server, for reading it. */
	public jakarta.mail.Store openImap(MailboxRepository.Row row, boolean idle) throws MessagingException {
		String password = secrets.decrypt(row.imapPassword(), "mailbox:imap:" + row.id());
		return tester.openImap(row.imapHost(), row.imapPort(), row.imapSecurity(), row.imapUsername(), password, idle);
	}

	public ConnectionTest test(MailboxRepository.Row row) {
		String imapPassword = secrets.decrypt(row.imapPassword(), "mailbox:imap:" + row.id());
		ConnectionTest.Step sending = row.provider().kind().provider()
				? providers.check(ProviderTransports.mailboxContext(row.id()), row.provider()) : tester.smtp(smtp(row));
		return new ConnectionTest(sending,
				tester.imap(row.imapHost(), row.imapPort(), row.imapSecurity(), row.imapUsername(), imapPassword));
	}

}
