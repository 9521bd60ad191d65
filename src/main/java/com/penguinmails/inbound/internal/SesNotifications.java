package com.penguinmails.inbound.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.penguinmails.inbound.internal.Classification.Kind;

/**
 * Amazon SES bounce and complaint notifications delivered by email as JSON: the
 * notification itself
 * (<a href= "https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html">SES
 * notification contents</a>: {@code notificationType} or {@code eventType}
 * Bounce/Complaint), or the SNS envelope whose {@code Message} holds it as a string. Each
 * bounced recipient's {@code status} and {@code diagnosticCode} are read like a DSN's
 * fields.
 */
final class SesNotifications {

	private static final ObjectMapper JSON = new ObjectMapper();

	private SesNotifications() {
	}

	/**
	 * A BOUNCE or COMPLAINT when the message's text is an SES notification, else empty.
	 */
	static Optional<Classification> read(MessageParts parts) {
		String text = parts.text().strip();
		int start = text.indexOf('{');
		if (start < 0 || !text.contains("\"notificationType\"") && !text.contains("\"eventType\"")
				&& !text.contains("\\\"notificationType\\\"")) {
			return Optional.empty();
		}
		JsonNode notification;
		try {
			notification = JSON.readTree(text.substring(start, text.lastIndexOf('}') + 1));
			if (notification.path("Message").isTextual()) {
				notification = JSON.readTree(notification.path("Message").asText());
			}
		}
		catch (Exception ex) {
			return Optional.empty();
		}
		String type = notification.path("notificationType").asText(notification.path("eventType").asText(""));
		Original original = original(notification.path("mail"));
		if (type.equalsIgnoreCase("Complaint")) {
			JsonNode complaint = notification.path("complaint");
			String recipient = complaint.path("complainedRecipients").path(0).path("emailAddress").asText(null);
			String feedback = complaint.path("complaintFeedbackType").asText("abuse").toLowerCase(Locale.ROOT);
			return Optional
				.of(new Classification(
						Kind.COMPLAINT, null, new Complaint(feedback, complaint.path("userAgent").asText(null),
								recipient, null, complaint.path("arrivalDate").asText(null)),
						original, null, parts.problems()));
		}
		if (!type.equalsIgnoreCase("Bounce")) {
			return Optional.empty();
		}
		JsonNode bounce = notification.path("bounce");
		// "Transient" bounces are retried by SES and reported as delays.
		String action = bounce.path("bounceType").asText("").equalsIgnoreCase("Transient") ? "delayed" : "failed";
		String remoteMta = bounce.path("reportingMTA").asText(null);
		List<BouncedRecipient> bounces = new ArrayList<>();
		for (JsonNode recipient : bounce.path("bouncedRecipients")) {
			String address = recipient.path("emailAddress").asText(null);
			if (address == null) {
				continue;
			}
			String diagnostic = recipient.path("diagnosticCode").asText(null);
			if (diagnostic == null && bounce.path("bounceSubType").asText("").equals("Suppressed")) {
				diagnostic = "on the SES suppression list";
			}
			bounces.add(BouncedRecipients.recipient(address, action, recipient.path("status").asText(null),
					FieldBlocks.typed(diagnostic), words(bounce.path("bounceSubType").asText("")),
					(remoteMta != null) ? FieldBlocks.typed(remoteMta) : null, NonStandardBounces.ours(parts)));
		}
		if (bounces.isEmpty()) {
			parts.problem("the SES bounce names no recipient");
		}
		return Optional.of(new Classification(Kind.BOUNCE, bounces, null, original, null, parts.problems()));
	}

	/** What an SES bounce sub-type says, in the words the reason rules know. */
	static String words(String subType) {
		return switch (subType) {
			case "NoEmail" -> "no such user";
			case "MailboxFull" -> "mailbox full";
			case "MessageTooLarge" -> "message too large";
			case "ContentRejected" -> "content rejected";
			case "AttachmentRejected", "UnsupportedAttachmentType" -> "prohibited attachment";
			default -> null;
		};
	}

	private static Original original(JsonNode mail) {
		if (mail.isMissingNode()) {
			return null;
		}
		String messageId = null;
		String penguinId = null;
		String subject = null;
		for (JsonNode header : mail.path("headers")) {
			String name = header.path("name").asText("");
			if (name.equalsIgnoreCase("Message-ID")) {
				messageId = header.path("value").asText(null);
			}
			else if (name.equalsIgnoreCase("X-PenguinMails-ID")) {
				penguinId = header.path("value").asText(null);
			}
			else if (name.equalsIgnoreCase("Subject")) {
				subject = header.path("value").asText(null);
			}
		}
		String to = mail.path("destination").path(0).asText(null);
		return new Original(messageId, penguinId, to, subject);
	}

}
