package com.penguinmails.inbound.internal;

import java.io.IOException;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

import com.penguinmails.inbound.ProviderWebhooks.Received;

/**
 * Reads a checked webhook body into its event and hands it on; a body that is not the
 * provider's documented shape is kept as received ({@code malformed}) and answered 400.
 */
@Component
public class ProviderEventReader {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final ProviderFeedback feedback;

	private final SnsMessages sns;

	ProviderEventReader(ProviderFeedback feedback, SnsMessages sns) {
		this.feedback = feedback;
		this.sns = sns;
	}

	/** A Postmark or Mailgun body whose credentials or signature were checked. */
	public Received read(UUID workspaceId, String provider, String body) {
		try {
			JsonNode json = JSON.readTree(body);
			if (json == null || !json.isObject()) {
				throw new ProviderEvent.Malformed("The body is not a JSON object");
			}
			ProviderEvent event = provider.equals("mailgun") ? ProviderEventParsers.mailgun(json)
					: ProviderEventParsers.postmark(json);
			return new Received(200, null, feedback.handle(workspaceId, provider, event, body));
		}
		catch (IOException | ProviderEvent.Malformed ex) {
			return malformed(workspaceId, provider, body, ex.getMessage());
		}
	}

	/**
	 * An SNS message: its signature is checked first (refused: 403, nothing stored); a
	 * SubscriptionConfirmation is confirmed, a Notification's SES event handled.
	 */
	public Received readSns(UUID workspaceId, String body) {
		JsonNode message;
		try {
			message = JSON.readTree(body);
		}
		catch (IOException ex) {
			message = null;
		}
		if (message == null || !message.isObject()) {
			return new Received(403, "bad-signature", "Not a signed SNS message.");
		}
		try {
			sns.verify(message);
		}
		catch (SnsMessages.Refused ex) {
			return new Received(403, "bad-signature", ex.getMessage());
		}
		String type = message.path("Type").asText();
		if (type.equals("SubscriptionConfirmation")) {
			try {
				sns.confirm(message);
			}
			catch (SnsMessages.Refused ex) {
				return new Received(502, "subscription-not-confirmed", ex.getMessage());
			}
			return new Received(200, null, "subscription confirmed");
		}
		if (!type.equals("Notification")) {
			return new Received(200, null, "ignored");
		}
		try {
			JsonNode event = JSON.readTree(message.path("Message").asText(""));
			if (event == null || !event.isObject()) {
				throw new ProviderEvent.Malformed("The SNS Message is not an SES event");
			}
			ProviderEvent parsed = ProviderEventParsers.ses(event, message.path("MessageId").asText(null));
			return new Received(200, null, feedback.handle(workspaceId, "ses", parsed, body));
		}
		catch (IOException | ProviderEvent.Malformed ex) {
			return malformed(workspaceId, "ses", body, ex.getMessage());
		}
	}

	private Received malformed(UUID workspaceId, String provider, String body, String problem) {
		feedback.malformed(workspaceId, provider, body, problem);
		return new Received(400, "malformed-event", "Kept for inspection, not handled: " + problem);
	}

}
