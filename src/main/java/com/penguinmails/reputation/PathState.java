package com.penguinmails.reputation;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * The state of a sending path (one mailbox to one recipient provider): sending as usual,
 * slowed (a lower hourly rate and a longer gap), suspended (nothing sent until a time),
 * or on trial (half-open after a suspension: a small rate until a clean window passes).
 */
public enum PathState implements StoredValue {

	NORMAL("normal", "Normal"), SLOWED("slowed", "Slowed"), SUSPENDED("suspended", "Suspended"),
	TRIAL("trial", "On trial");

	private final String value;

	private final String label;

	PathState(String value, String label) {
		this.value = value;
		this.label = label;
	}

	@Override
	@JsonValue
	public String value() {
		return value;
	}

	/** The state in words for pages and alerts. */
	public String label() {
		return label;
	}

}
