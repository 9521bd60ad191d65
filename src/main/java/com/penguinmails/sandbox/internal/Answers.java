package com.penguinmails.sandbox.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import com.penguinmails.sandbox.SandboxMailbox.Answer;

/**
 * The answers a sandbox recipient can send back, written as real mail would be: a
 * threaded reply, an RFC 3834 out-of-office, an RFC 3464 bounce and an RFC 5965 spam
 * report, the last two returning the original's headers (our {@code X-PenguinMails-ID}
 * among them).
 */
final class Answers {

	private static final Session SESSION = Session.getInstance(new Properties());

	private Answers() {
	}

	private static String encoded(String subject) {
		if (subject == null || subject.chars().allMatch((c) -> c < 0x80)) {
			return subject;
		}
		try {
			return jakarta.mail.internet.MimeUtility.encodeText(subject, "UTF-8", "Q")
				.replace("\r", "")
				.replace("\n", "");
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The caught message an answer answers, and the answer's own identity.
	 *
	 * @param sender who sent the caught message (the answer goes to them)
	 * @param recipient who it went to (the answer comes from them)
	 * @param subject its subject, as RFC 2047 encoded words when not ASCII
	 * @param headers its header block with bare LFs, for bounces and reports
	 * @param id the answer's unique part (Message-ID, MIME boundary)
	 * @param domain the recipient's domain (the answer's Message-ID and reporting MTA)
	 * @param date the answer's Date (RFC 5322 §3.3)
	 * @param threading the answer's In-Reply-To and References lines, or empty
	 */
	private record Original(String sender, String recipient, String subject, String headers, String id, String domain,
			String date, String threading) {
	}

	/**
	 * @param sender who sent the caught message (the answer goes to them)
	 * @param recipient who it went to (the answer comes from them)
	 * @param headers the original's header block, for bounces and reports
	 */
	static MimeMessage of(Answer answer, String sender, String recipient, String subject, String messageId,
			String references, String headers) throws MessagingException {
		// One line each; the header block with bare LFs (CRLFs are put back below).
		String thread = references == null ? null : references.replaceAll("\\s+", " ").strip();
		String threading = messageId == null ? "" : "In-Reply-To: " + messageId + "\nReferences: "
				+ (thread == null ? "" : thread + " ") + messageId + "\n";
		// RFC 2047: a subject with non-ASCII words goes as encoded words, never raw
		// bytes.
		Original original = new Original(sender, recipient, encoded(subject), headers.replace("\r", ""),
				UUID.randomUUID().toString(), recipient.substring(recipient.indexOf('@') + 1),
				DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()), threading);
		String raw = switch (answer) {
			case REPLY -> reply(original);
			case AUTO_REPLY -> autoReply(original);
			case BOUNCE -> bounce(original);
			case COMPLAINT -> complaint(original);
		};
		return new MimeMessage(SESSION,
				new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
	}

	/** A person's reply, threaded. */
	private static String reply(Original o) {
		return REPLY_TEMPLATE.formatted(o.recipient(), o.sender(), o.subject(), o.date(), o.id(), o.domain(),
				o.threading());
	}

	/** An RFC 3834 out-of-office ({@code Auto-Submitted: auto-replied}), threaded. */
	private static String autoReply(Original o) {
		return AUTO_REPLY_TEMPLATE.formatted(o.recipient(), o.sender(), o.subject(), o.date(), o.id(), o.domain(),
				o.threading());
	}

	/** An RFC 3464 delivery status notification: 5.1.1, the address does not exist. */
	private static String bounce(Original o) {
		return BOUNCE_TEMPLATE.formatted(o.sender(), o.recipient(), o.date(), o.id(), o.domain(), o.headers());
	}

	/** An RFC 5965 abuse report: the recipient marked the message as spam. */
	private static String complaint(Original o) {
		return COMPLAINT_TEMPLATE.formatted(o.sender(), o.recipient(), o.date(), o.id(), o.domain(), o.subject(),
				o.headers());
	}

	private static final String REPLY_TEMPLATE = """
			From: %s
			To: %s
			Subject: Re: %s
			Date: %s
			Message-ID: <%s@%s>
			%sContent-Type: text/plain; charset=UTF-8

			Thanks for reaching out, this is interesting. Could you tell me more?

			(A reply written by the PenguinMails sandbox.)
			""";

	private static final String AUTO_REPLY_TEMPLATE = """
			From: %s
			To: %s
			Subject: Automatic reply: %s
			Date: %s
			Message-ID: <%s@%s>
			Auto-Submitted: auto-replied
			%sContent-Type: text/plain; charset=UTF-8

			I am out of the office until next Monday, with limited access to email.
			""";

	private static final String BOUNCE_TEMPLATE = """
			From: Mail Delivery System <MAILER-DAEMON@%5$s>
			To: %1$s
			Subject: Undelivered Mail Returned to Sender
			Date: %3$s
			Message-ID: <%4$s@%5$s>
			Auto-Submitted: auto-replied
			MIME-Version: 1.0
			Content-Type: multipart/report; report-type=delivery-status; boundary="%4$s"

			--%4$s
			Content-Type: text/plain; charset=us-ascii

			Your message to <%2$s> could not be delivered: the address does not exist.

			--%4$s
			Content-Type: message/delivery-status

			Reporting-MTA: dns; %5$s

			Final-Recipient: rfc822; %2$s
			Action: failed
			Status: 5.1.1
			Diagnostic-Code: smtp; 550 5.1.1 <%2$s>: Recipient address rejected: User unknown

			--%4$s
			Content-Type: text/rfc822-headers

			%6$s
			--%4$s--
			""";

	private static final String COMPLAINT_TEMPLATE = """
			From: Feedback Loop <feedback@fbl.%5$s>
			To: %1$s
			Subject: FW: %6$s
			Date: %3$s
			Message-ID: <%4$s@fbl.%5$s>
			MIME-Version: 1.0
			Content-Type: multipart/report; report-type=feedback-report; boundary="%4$s"

			--%4$s
			Content-Type: text/plain; charset=us-ascii

			This is an email abuse report: the recipient marked this message as spam.

			--%4$s
			Content-Type: message/feedback-report

			Feedback-Type: abuse
			User-Agent: PenguinMails-Sandbox/1.0
			Version: 1
			Original-Rcpt-To: <%2$s>

			--%4$s
			Content-Type: text/rfc822-headers

			%7$s
			--%4$s--
			""";

}
