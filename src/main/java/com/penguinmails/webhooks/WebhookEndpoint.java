package com.penguinmails.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An endpoint as people see it: never its secrets, only a hint of the current one.
 *
 * @param id the endpoint's id
 * @param kind {@code endpoint} or {@code rest_hook}
 * @param url where events are POSTed (https, or http when an administrator allows it)
 * @param description what it is for, at most 300 characters
 * @param eventTypes the wire names of the types it receives ({@code message.bounced}), or
 * {@code ["*"]} for every type
 * @param filter a CEL expression over the event; empty lets every event through
 * @param transform a JSLT transformation of the payload; empty sends it as is
 * @param enabled whether events are sent to it
 * @param disabledReason why it was disabled (by a person, a 410 answer, 5 days of
 * failures); null while enabled
 * @param disabledAt when it was disabled; null while enabled
 * @param failingSince since when every attempt has failed; null while the last one
 * succeeded
 * @param secretHint the current {@code whsec_} secret masked but its last 4 characters
 * ({@code whsec_…Ab3x})
 * @param publicKey the current ed25519 public key ({@code whpk_} + base64 of the raw 32
 * bytes) when it signs with ed25519 ({@code v1a}) too, else null
 * @param createdAt when it was made
 * @param updatedAt when it was last changed
 * @param previousSecretExpiresAt after a rotation, until when the previous secret (and
 * key) still sign beside the new one; null when only the current ones sign
 */
public record WebhookEndpoint(UUID id, EndpointKind kind, String url, String description, List<String> eventTypes,
		String filter, String transform, boolean enabled, String disabledReason, Instant disabledAt,
		Instant failingSince, String secretHint, String publicKey, Instant createdAt, Instant updatedAt,
		Instant previousSecretExpiresAt) {

	/** Whether it signs with ed25519 ({@code v1a}) besides HMAC-SHA256 ({@code v1}). */
	@JsonProperty("signEd25519")
	public boolean signEd25519() {
		return publicKey != null;
	}

	/** Whether it receives every event type. */
	public boolean allEvents() {
		return eventTypes.contains("*");
	}

}
