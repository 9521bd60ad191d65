package com.penguinmails.inbound.internal;

/**
 * One event a sending provider reported about a message, in our terms.
 *
 * @param kind what happened
 * @param key the provider's id of the event (its retries carry the same), or null
 * @param providerMessageId the id the provider gave the message when it accepted it (our
 * outbox's queue id), or null
 * @param messageId the message's Message-ID with angle brackets, when the event quotes
 * it, or null
 * @param penguinId our X-PenguinMails-ID header, when the event quotes it, or null
 * @param recipient the recipient's address
 * @param bounce for {@link Kind#BOUNCED}: the recipient with its reason in our taxonomy
 * @param feedbackType for {@link Kind#COMPLAINED}: the ARF feedback type (RFC 5965),
 * {@code abuse} when the provider says none
 */
record ProviderEvent(Kind kind, String key, String providerMessageId, String messageId, String penguinId,
		String recipient, BouncedRecipient bounce, String feedbackType) {

	enum Kind {

		DELIVERED("delivered"), BOUNCED("bounced"), COMPLAINED("complained"), OPENED("opened"), CLICKED("clicked"),
		OTHER("other");

		final String value;

		Kind(String value) {
			this.value = value;
		}

	}

	/** The body could not be read as the provider's documented shape. */
	static final class Malformed extends Exception {

		Malformed(String message) {
			super(message);
		}

	}

}
