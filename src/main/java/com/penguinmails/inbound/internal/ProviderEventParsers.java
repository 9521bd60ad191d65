package com.penguinmails.inbound.internal;

import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import com.penguinmails.inbound.internal.ProviderEvent.Kind;
import com.penguinmails.inbound.internal.ProviderEvent.Malformed;

/**
 * Reads each provider's documented webhook bodies into {@link ProviderEvent}s. Bounce
 * reasons go through the same rules as a DSN's ({@link BouncedRecipients}), so a
 * provider's bounce lands in the same taxonomy (hard, soft, block, unknown).
 */
final class ProviderEventParsers {

	private ProviderEventParsers() {
	}

	/**
	 * Mailgun's webhook {@code event-data} (Mailgun API, "Webhooks" and "Events"):
	 * {@code event} delivered, failed ({@code severity} permanent or temporary, with
	 * {@code delivery-status}), complained, opened, clicked; the message's id in
	 * {@code message.headers.message-id} (no angle brackets).
	 */
	static ProviderEvent mailgun(JsonNode body) throws Malformed {
		JsonNode data = body.path("event-data");
		if (!data.isObject() || !data.path("event").isTextual()) {
			throw new Malformed("Mailgun's body has no event-data.event");
		}
		String event = data.path("event").asText().toLowerCase(Locale.ROOT);
		String recipient = text(data.path("recipient"));
		String id = text(data.path("message").path("headers").path("message-id"));
		if (id != null && id.startsWith("<") && id.endsWith(">")) {
			id = id.substring(1, id.length() - 1);
		}
		String key = text(data.path("id"));
		JsonNode userVariables = data.path("user-variables");
		String penguinId = text(userVariables.path("penguinmails-id"));
		String messageId = id == null ? null : "<" + id + ">";
		return switch (event) {
			case "delivered" -> new ProviderEvent(Kind.DELIVERED, key, id, messageId, penguinId, recipient, null, null);
			case "failed" -> {
				JsonNode status = data.path("delivery-status");
				String action = "temporary".equalsIgnoreCase(data.path("severity").asText("")) ? "delayed" : "failed";
				String code = status.path("code").isMissingNode() ? null : status.path("code").asText();
				String message = firstText(status.path("message"), status.path("description"));
				String diagnostic = message == null ? null
						: (code != null && !message.startsWith(code) ? code + " " : "") + message;
				String context = text(data.path("reason"));
				if ("suppress-bounce".equals(context) && diagnostic == null) {
					diagnostic = "550 5.1.1 on Mailgun's bounce list: an earlier hard bounce";
				}
				BouncedRecipient bounce = BouncedRecipients.recipient(recipient, action,
						text(status.path("enhanced-code")), diagnostic, context, text(status.path("mx-host")),
						Set.of());
				yield new ProviderEvent(Kind.BOUNCED, key, id, messageId, penguinId, recipient, bounce, null);
			}
			case "complained" ->
				new ProviderEvent(Kind.COMPLAINED, key, id, messageId, penguinId, recipient, null, "abuse");
			case "opened" -> new ProviderEvent(Kind.OPENED, key, id, messageId, penguinId, recipient, null, null);
			case "clicked" -> new ProviderEvent(Kind.CLICKED, key, id, messageId, penguinId, recipient, null, null);
			default -> new ProviderEvent(Kind.OTHER, key, id, messageId, penguinId, recipient, null, null);
		};
	}

	/**
	 * Postmark's webhooks (Postmark API, "Webhooks"): {@code RecordType} Delivery, Bounce
	 * (its {@code Type}: HardBounce, SoftBounce, Transient, DnsError, Blocked,
	 * BadEmailAddress...), SpamComplaint, Open, Click; the message's id in
	 * {@code MessageID} (Postmark's, as its send answered).
	 */
	static ProviderEvent postmark(JsonNode body) throws Malformed {
		if (!body.path("RecordType").isTextual() || !body.path("MessageID").isTextual()) {
			throw new Malformed("Postmark's body has no RecordType or MessageID");
		}
		String type = body.path("RecordType").asText();
		String id = body.path("MessageID").asText();
		String recipient = firstText(body.path("Recipient"), body.path("Email"));
		String key = body.path("ID").isMissingNode() ? null : type + ":" + body.path("ID").asText();
		return switch (type) {
			case "Delivery" -> new ProviderEvent(Kind.DELIVERED, key == null ? "Delivery:" + id + ":" + recipient : key,
					id, null, null, recipient, null, null);
			case "Bounce" -> {
				String bounceType = body.path("Type").asText("");
				if (bounceType.equals("SpamComplaint")) {
					yield new ProviderEvent(Kind.COMPLAINED, key, id, null, null, recipient, null, "abuse");
				}
				String action = switch (bounceType) {
					case "Transient", "SoftBounce", "DnsError", "AutoResponder" -> "delayed";
					default -> "failed";
				};
				String details = text(body.path("Details"));
				String context = words(bounceType) + " "
						+ (text(body.path("Description")) == null ? "" : body.path("Description").asText());
				BouncedRecipient bounce = BouncedRecipients.recipient(recipient, action, null, details, context.strip(),
						null, Set.of());
				yield new ProviderEvent(Kind.BOUNCED, key, id, null, null, recipient, bounce, null);
			}
			case "SpamComplaint" -> new ProviderEvent(Kind.COMPLAINED, key, id, null, null, recipient, null, "abuse");
			case "Open" -> new ProviderEvent(Kind.OPENED, key, id, null, null, recipient, null, null);
			case "Click" -> new ProviderEvent(Kind.CLICKED, key, id, null, null, recipient, null, null);
			default -> new ProviderEvent(Kind.OTHER, key, id, null, null, recipient, null, null);
		};
	}

	/** Postmark's bounce types, in the words the reason rules know. */
	private static String words(String type) {
		return switch (type) {
			case "HardBounce", "BadEmailAddress" -> "no such user: mailbox not found";
			case "Blocked" -> "blocked by the receiver";
			case "DnsError" -> "DNS error";
			case "SoftBounce", "Transient" -> "temporary failure";
			default -> "";
		};
	}

	/**
	 * An SES event (SES developer guide, "Contents of event data" / "notification
	 * contents"): {@code eventType} or {@code notificationType} Delivery, Bounce,
	 * Complaint, Open, Click; the message's id in {@code mail.messageId} (SES's, as its
	 * send answered) and ours in {@code mail.headers}.
	 */
	static ProviderEvent ses(JsonNode event, String key) throws Malformed {
		String type = firstText(event.path("eventType"), event.path("notificationType"));
		JsonNode mail = event.path("mail");
		if (type == null || !mail.path("messageId").isTextual()) {
			throw new Malformed("The SES event has no eventType/notificationType or mail.messageId");
		}
		String id = mail.path("messageId").asText();
		String messageId = text(mail.path("commonHeaders").path("messageId"));
		String penguinId = null;
		for (JsonNode header : mail.path("headers")) {
			String name = header.path("name").asText("");
			if (name.equalsIgnoreCase("Message-ID")) {
				messageId = header.path("value").asText(messageId);
			}
			else if (name.equalsIgnoreCase("X-PenguinMails-ID")) {
				penguinId = header.path("value").asText(null);
			}
		}
		String recipient = text(mail.path("destination").path(0));
		switch (type) {
			case "Delivery":
				return new ProviderEvent(Kind.DELIVERED, key, id, messageId, penguinId, recipient, null, null);
			case "Bounce": {
				JsonNode bounce = event.path("bounce");
				JsonNode first = bounce.path("bouncedRecipients").path(0);
				String address = first.isMissingNode() ? recipient : first.path("emailAddress").asText(recipient);
				String action = bounce.path("bounceType").asText("").equalsIgnoreCase("Transient") ? "delayed"
						: "failed";
				String diagnostic = text(first.path("diagnosticCode"));
				String subType = bounce.path("bounceSubType").asText("");
				if (diagnostic == null && subType.equals("Suppressed")) {
					diagnostic = "550 5.1.1 on the SES suppression list";
				}
				String remote = text(bounce.path("reportingMTA"));
				BouncedRecipient recipientBounce = BouncedRecipients.recipient(address, action,
						text(first.path("status")), FieldBlocks.typed(diagnostic), SesNotifications.words(subType),
						remote == null ? null : FieldBlocks.typed(remote), Set.of());
				String bounceKey = key != null ? key : text(bounce.path("feedbackId"));
				return new ProviderEvent(Kind.BOUNCED, bounceKey, id, messageId, penguinId, address, recipientBounce,
						null);
			}
			case "Complaint": {
				JsonNode complaint = event.path("complaint");
				String address = complaint.path("complainedRecipients").path(0).path("emailAddress").asText(recipient);
				String feedback = complaint.path("complaintFeedbackType").asText("abuse").toLowerCase(Locale.ROOT);
				return new ProviderEvent(Kind.COMPLAINED, key != null ? key : text(complaint.path("feedbackId")), id,
						messageId, penguinId, address, null, feedback);
			}
			case "Open":
				return new ProviderEvent(Kind.OPENED, key, id, messageId, penguinId, recipient, null, null);
			case "Click":
				return new ProviderEvent(Kind.CLICKED, key, id, messageId, penguinId, recipient, null, null);
			default:
				return new ProviderEvent(Kind.OTHER, key, id, messageId, penguinId, recipient, null, null);
		}
	}

	private static String text(JsonNode node) {
		return node.isValueNode() && !node.asText().isBlank() ? node.asText().strip() : null;
	}

	private static String firstText(JsonNode... nodes) {
		for (JsonNode node : nodes) {
			String value = text(node);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

}
