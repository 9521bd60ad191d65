package com.penguinmails.inbound.internal;

import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.penguinmails.domains.DkimSigner;
import com.penguinmails.inbound.Inbox;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxTransport;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.SmtpConnectionFailed;
import com.penguinmails.mailboxes.SmtpReply;
import com.penguinmails.shared.EmailAddresses;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;

/**
 * Sends a reply written in the unified inbox: from the mailbox the conversation came in
 * on, DKIM-signed with its domain's key, threaded under the message it answers (RFC 5322
 * §3.6.4), and stores it in the conversation.
 */
@Component
public class InboxReplies {

	private static final Session SESSION = Session.getInstance(new Properties());

	private static final Pattern REPLY_PREFIX = Pattern.compile("^\\s*re\\s*:", Pattern.CASE_INSENSITIVE);

	private static final Pattern MESSAGE_IDS = Pattern.compile("^(<[^<>\\s]+>\\s*)*$");

	/** The message being answered, and where the conversation stands. */
	public record Answer(UUID workspaceId, UUID threadId, UUID mailboxId, String to, String subject, String messageId,
			String references, UUID campaignId, UUID enrolmentId, UUID contactId) {
	}

	private final Mailboxes mailboxes;

	private final DkimSigner dkim;

	private final InboundStore store;

	InboxReplies(Mailboxes mailboxes, DkimSigner dkim, InboundStore store) {
		this.mailboxes = mailboxes;
		this.dkim = dkim;
		this.store = store;
	}

	public Inbox.Entry send(Answer answer, String text, Instant now) {
		Mailbox mailbox = mailboxes.find(answer.workspaceId(), answer.mailboxId())
			.orElseThrow(() -> new NotFoundProblem("Mailbox"));
		String domain = mailbox.email().substring(mailbox.email().indexOf('@') + 1).toLowerCase(Locale.ROOT);
		String messageId = "<" + UUID.randomUUID() + "@" + domain + ">";
		String subject = answer.subject() == null || answer.subject().isBlank() ? "Re: your message"
				: REPLY_PREFIX.matcher(answer.subject()).find() ? answer.subject() : "Re: " + answer.subject();
		String references = ((answer.references() == null ? "" : answer.references()) + " "
				+ (answer.messageId() == null ? "" : answer.messageId()))
			.strip();
		MimeMessage message;
		try {
			message = build(mailbox, answer.to(), subject, text, messageId, answer.messageId(), references, now);
		}
		catch (MessagingException ex) {
			throw new InvalidInputProblem("invalid-reply", "The reply could not be built: " + ex.getMessage());
		}
		MimeMessage signed = dkim.sign(answer.workspaceId(), domain, message).orElse(message);
		SmtpReply reply;
		try (MailboxTransport transport = mailboxes.connect(answer.workspaceId(), answer.mailboxId())) {
			reply = transport.send(signed);
		}
		catch (SmtpConnectionFailed ex) {
			throw new InvalidInputProblem(HttpStatus.BAD_GATEWAY, "send-failed",
					"Not sent: the mailbox's SMTP server failed (" + ex.getMessage() + ").");
		}
		if (!reply.accepted()) {
			throw new InvalidInputProblem(HttpStatus.BAD_GATEWAY, "send-failed",
					"Not sent: the mailbox's SMTP server answered " + reply.code() + " " + reply.text());
		}
		UUID id = UUID.randomUUID();
		store.insert(new InboundStore.NewMessage(id, answer.workspaceId(), answer.mailboxId(), "out", null, null, null,
				messageId, answer.messageId(), references, mailbox.email(), mailbox.displayName(), answer.to(), subject,
				now, now, text.length(), "reply", null, null, null, null, null, null, null, "", "", text, "", null,
				null, null, answer.campaignId(), answer.enrolmentId(), answer.contactId(), answer.threadId(), false),
				now);
		return new Inbox.Entry(id, "out", mailbox.email(), answer.to(), subject, text, now, "reply", "", "", null, null,
				null, null, null, null);
	}

	/**
	 * The reply as a MIME message. Names and subject are encoded (RFC 2047) and the
	 * subject kept on one line, so no header can be injected through them.
	 */
	private static MimeMessage build(Mailbox mailbox, String to, String subject, String text, String messageId,
			String inReplyTo, String references, Instant now) throws MessagingException {
		MimeMessage message = new MimeMessage(SESSION) {
			@Override
			protected void updateMessageID() throws MessagingException {
				setHeader("Message-ID", messageId);
			}
		};
		try {
			String name = mailbox.displayName() == null || mailbox.displayName().isBlank() ? null
					: mailbox.displayName().replaceAll("[\\r\\n]+", " ");
			message.setFrom(new InternetAddress(mailbox.email(), name, "UTF-8"));
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
		// The domain as A-labels (RFC 5890), as every address we send to.
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(EmailAddresses.normalize(to), true));
		if (mailbox.replyTo() != null && !mailbox.replyTo().isBlank()) {
			message.setReplyTo(InternetAddress.parse(mailbox.replyTo(), true));
		}
		message.setSubject(subject.replaceAll("[\\r\\n]+", " "), "UTF-8");
		message.setSentDate(Date.from(now));
		if (inReplyTo != null && MESSAGE_IDS.matcher(inReplyTo).matches()) {
			message.setHeader("In-Reply-To", inReplyTo);
		}
		if (!references.isEmpty() && MESSAGE_IDS.matcher(references).matches()) {
			message.setHeader("References", MimeUtility.fold("References: ".length(), references));
		}
		message.setText(text, "UTF-8");
		message.saveChanges();
		return message;
	}

}
