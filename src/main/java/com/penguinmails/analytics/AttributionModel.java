package com.penguinmails.analytics;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.StoredValue;

/**
 * How a deal's revenue is shared among the campaigns whose messages reached the contact
 * before the deal closed (its touches).
 */
public enum AttributionModel implements StoredValue {

	/** All of it to the campaign of the first touch. */
	FIRST_TOUCH("first_touch", "First touch"),

	/** All of it to the campaign of the last touch before closing. */
	LAST_TOUCH("last_touch", "Last touch"),

	/**
	 * Shared equally among the touches: a campaign with 2 of 4 touches gets half.
	 */
	LINEAR("linear", "Linear");

	private final String value;

	private final String label;

	AttributionModel(String value, String label) {
		this.value = value;
		this.label = label;
	}

	@JsonValue
	@Override
	public String value() {
		return value;
	}

	/** Words a person reads on a page. */
	public String label() {
		return label;
	}

	/**
	 * The model named {@code value}: {@code first_touch} (or {@code first}),
	 * {@code last_touch} (or {@code last}), {@code linear}, any case; null or blank is
	 * {@link #LINEAR}.
	 * @throws InvalidInputProblem 400 {@code invalid-model} for anything else
	 */
	public static AttributionModel parse(String value) {
		if (value == null || value.isBlank()) {
			return LINEAR;
		}
		String wanted = value.strip().toLowerCase(Locale.ROOT).replace('-', '_');
		for (AttributionModel model : values()) {
			if (model.value.equals(wanted) || model.value.equals(wanted + "_touch")) {
				return model;
			}
		}
		throw new InvalidInputProblem("invalid-model", "model is first_touch, last_touch or linear.");
	}

}
