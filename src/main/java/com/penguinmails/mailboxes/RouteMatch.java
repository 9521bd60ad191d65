package com.penguinmails.mailboxes;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.StoredValue;

/** What a sending route matches a message on; written in JSON as {@link #value()}. */
public enum RouteMatch implements StoredValue {

	/** The message belongs to one campaign (the value is its id). */
	CAMPAIGN("campaign", "Campaign"),
	/**
	 * The recipient's domain: exact ({@code example.org}) or any domain under a suffix
	 * ({@code *.edu}).
	 */
	RECIPIENT_DOMAIN("recipient_domain", "Recipient domain"),
	/**
	 * The recipient's mail provider, from its domain's MX hosts: google, microsoft or
	 * yahoo.
	 */
	RECIPIENT_PROVIDER("recipient_provider", "Recipient's mail provider");

	private final String value;

	private final String label;

	RouteMatch(String value, String label) {
		this.value = value;
		this.label = label;
	}

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
	 * The match of a stored or given value (any case).
	 * @throws InvalidInputProblem 400 for any other value
	 */
	@JsonCreator
	public static RouteMatch of(String value) {
		String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
		for (RouteMatch match : values()) {
			if (match.value.equals(wanted)) {
				return match;
			}
		}
		throw new InvalidInputProblem("invalid-route-match",
				"A route matches campaign, recipient_domain or recipient_provider.");
	}

}
