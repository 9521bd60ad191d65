package com.penguinmails.webhooks.internal.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;

/**
 * The request headers of one attempt per the Standard Webhooks specification: {@code
 * webhook-id}, {@code webhook-timestamp} (unix seconds of this attempt) and {@code
 * webhook-signature}, a space-separated list with one signature per live secret: {@code
 * v1,<base64 HMAC-SHA256>} for a {@code whsec_} secret (signed by the standardwebhooks
 * library) and {@code v1a,<base64 Ed25519>} for an ed25519 key, both over {@code
 * id + "." + timestamp + "." + body}.
 */
final class Signatures {

	/** A live secret in clear: {@code hmac} with a whsec_ secret, or {@code ed25519}. */
	record LiveSecret(String kind, String secret) {
	}

	static final String USER_AGENT = "PenguinMails-Webhooks/1";

	private Signatures() {
	}

	/** Every header of the request, in the order sent. */
	static Map<String, String> headers(String webhookId, long timestamp, String body, List<LiveSecret> secrets) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("content-type", "application/json");
		headers.put("user-agent", USER_AGENT);
		headers.put("webhook-id", webhookId);
		headers.put("webhook-timestamp", Long.toString(timestamp));
		headers.put("webhook-signature", signature(webhookId, timestamp, body, secrets));
		return headers;
	}

	static String signature(String webhookId, long timestamp, String body, List<LiveSecret> secrets) {
		List<String> signatures = new ArrayList<>();
		for (LiveSecret secret : secrets) {
			if ("ed25519".equals(secret.kind())) {
				// Standard Webhooks: "v1a," + base64 ed25519 signature of
				// id.timestamp.body.
				byte[] content = (webhookId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
				signatures.add("v1a," + Ed25519Keys.sign(secret.secret(), content));
			}
			else {
				try {
					signatures.add(new Webhook(secret.secret()).sign(webhookId, timestamp, body));
				}
				catch (WebhookSigningException ex) {
					throw new IllegalStateException("Could not sign with an HMAC secret", ex);
				}
			}
		}
		return String.join(" ", signatures);
	}

}
