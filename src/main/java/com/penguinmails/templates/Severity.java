package com.penguinmails.templates;

import com.penguinmails.shared.StoredValue;

/**
 * How much a lint {@link Finding} weighs: a {@link #WARNING} costs 10 points of the
 * {@link LintReport#score()}, an {@link #INFO} 2. Neither blocks a launch.
 */
public enum Severity implements StoredValue {

	/** Worth knowing (a long-ish subject, the reading grade); costs 2 points. */
	INFO("info", "Note"),

	/** Likely to hurt inbox placement or readers; costs 10 points. */
	WARNING("warning", "Warning");

	private final String value;

	private final String label;

	Severity(String value, String label) {
		this.value = value;
		this.label = label;
	}

	@Override
	@com.fasterxml.jackson.annotation.JsonValue
	public String value() {
		return value;
	}

	/** The word a page shows on the badge: "Warning" or "Note". */
	public String label() {
		return label;
	}

	/** The points this severity takes off the score of 100. */
	public int cost() {
		return this == WARNING ? 10 : 2;
	}

}
