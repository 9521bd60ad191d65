package com.penguinmails.mailboxes;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.StoredValue;

/**
 * How a mailbox hands its messages over: its own SMTP server, or a sending provider's
 * HTTP API. Stored in {@code mailboxes.transport} and written in JSON as
 * {@link #value()}.
 */
public enum TransportKind implements StoredValue {

	/** The mailbox's SMTP server (RFC 5321), with our DKIM signature. */
	SMTP("smtp", "Its SMTP server"),
	/**
	 * Postmark's {@code POST /email} (JSON): Postmark builds the MIME and signs it with
	 * DKIM itself (the domain's Postmark DKIM record), our signature is not sent.
	 */
	POSTMARK("postmark", "Postmark"),
	/** Mailgun's {@code messages.mime}: our raw signed MIME, untouched. */
	MAILGUN("mailgun", "Mailgun"),
	/**
	 * Amazon SES v2 {@code SendEmail} with raw content: our raw signed MIME, untouched.
	 */
	SES("ses", "Amazon SES");

	private final String value;

	private final String label;

	TransportKind(String value, String label) {
		this.value = value;
		this.label = label;
	}

	/** The stored and API form: smtp, postmark, mailgun or ses. */
	@JsonValue
	@Override
	public String value() {
		return value;
	}

	/** Words a person reads, for pages. */
	public String label() {
		return label;
	}

	/**
	 * Words for the middle of a sentence ("It now sends through its SMTP server."): the
	 * label, lower-case where it is not a name.
	 */
	public String inSentence() {
		return this == SMTP ? "its SMTP server" : label;
	}

	/** Whether this sends through a provider's HTTP API rather than SMTP. */
	public boolean provider() {
		return this != SMTP;
	}

	/**
	 * The kind of a stored or given value (any case); null or blank is {@link #SMTP}.
	 * @throws InvalidInputProblem 400 for any other value
	 */
	@JsonCreator
	public static TransportKind of(String value) {
		if (value == null || value.isBlank()) {
			return SMTP;
		}
		String wanted = value.strip().toLowerCase(Locale.ROOT);
		for (TransportKind kind : values()) {
			if (kind.value.equals(wanted)) {
				return kind;
			}
		}
		throw new InvalidInputProblem("invalid-transport", "The transport is smtp, postmark, mailgun or ses.");
	}

}
