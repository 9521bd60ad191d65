package com.penguinmails.library;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.penguinmails.shared.StoredValue;

/** The unit of a step's delay. */
public enum DelayUnit implements StoredValue {

	MINUTES("minutes", 1, "minute"), HOURS("hours", 60, "hour"), DAYS("days", 24 * 60, "day");

	private final String value;

	private final int minutes;

	private final String singular;

	DelayUnit(String value, int minutes, String singular) {
		this.value = value;
		this.minutes = minutes;
		this.singular = singular;
	}

	/** The stored and API form: {@code minutes}, {@code hours} or {@code days}. */
	@JsonValue
	@Override
	public String value() {
		return value;
	}

	/** Minutes in one of this unit. */
	public int minutes() {
		return minutes;
	}

	/** "1 day", "3 days". */
	public String words(int amount) {
		return amount + " " + (amount == 1 ? singular : value);
	}

	/**
	 * The unit named {@code value}. @throws IllegalArgumentException for another value
	 */
	@JsonCreator
	public static DelayUnit of(String value) {
		return StoredValue.of(DelayUnit.class, value);
	}

	@Override
	public String toString() {
		return value;
	}

}
