package com.penguinmails.warmup.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.MessagingException;

import org.springframework.stereotype.Component;

import com.penguinmails.campaigns.StepLint;
import com.penguinmails.delivery.DirectMessages;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxTransport;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.SmtpConnectionFailed;
import com.penguinmails.mailboxes.SmtpReply;

/**
 * Sends a placement test's copies over the sending mailbox's own SMTP, built and signed
 * by {@link DirectMessages} (never through the outbox: no sending limits, no campaign
 * figures), and records each one's outcome.
 */
@Component
public class PlacementSender {

	/** The header every copy carries: the test's id. */
	static final String HEADER = "X-PenguinMails-Placement";

	private final DirectMessages messages;

	private final Mailboxes mailboxes;

	private final PlacementRepository repository;

	PlacementSender(DirectMessages messages, Mailboxes mailboxes, PlacementRepository repository) {
		this.messages = messages;
		this.mailboxes = mailboxes;
		this.repository = repository;
	}

	/**
	 * Sends one copy per seed address.
	 * @param messageIds each seed address and the Message-ID of its copy
	 */
	public void send(UUID workspaceId, Mailbox from, UUID testId, StepLint.Sample sample,
			Map<String, String> messageIds, Instant now) {
		MailboxTransport transport;
		try {
			transport = mailboxes.connect(workspaceId, from.id());
		}
		catch (SmtpConnectionFailed ex) {
			messageIds.keySet().forEach(address -> repository.sent(testId, address, null, error(ex)));
			return;
		}
		try (transport) {
			for (Map.Entry<String, String> seed : messageIds.entrySet()) {
				String error = sendOne(transport, workspaceId, from, testId, sample, seed.getKey(), seed.getValue());
				repository.sent(testId, seed.getKey(), error == null ? now : null, error);
			}
		}
	}

	/** Sends one copy; the reason it was not sent, or null when the server took it. */
	private String sendOne(MailboxTransport transport, UUID workspaceId, Mailbox from, UUID testId,
			StepLint.Sample sample, String to, String messageId) {
		try {
			DirectMessages.Built built = messages.build(workspaceId, from,
					new DirectMessages.Direct(UUID.randomUUID(), messageId, to, null, sample.subject(), sample.html(),
							sample.text(), null, null, Map.of(HEADER, testId.toString())));
			SmtpReply reply = transport.send(built.message());
			return reply.accepted() ? null : reply.code() + " " + reply.text();
		}
		catch (MessagingException | SmtpConnectionFailed ex) {
			return error(ex);
		}
	}

	private static String error(Exception ex) {
		String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
		return message.length() > 500 ? message.substring(0, 500) : message;
	}

}
