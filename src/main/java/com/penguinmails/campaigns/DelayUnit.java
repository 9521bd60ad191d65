package com.penguinmails.campaigns;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * The unit a step's delay was entered in, kept so the page shows it as written ("3 hours"
 * stays 3 hours, "2 days" 2 days); the duration itself is stored in minutes.
 */
public enum DelayUnit implements StoredValue {

	MINUTES("minutes", 1), HOURS("hours", 60), DAYS("days", 24 * 60);

	private final String value;

	private final int minutes;

	DelayUnit(String value, int minutes) {
		this.value = value;
		this.minutes = minutes;
	}

	/** The stored and API form: {@code minutes}, {@code hours} or {@code days}. */
	@JsonValue
	@Override
	public String value() {
		return value;
	}

	/** How many minutes one of this unit is (1, 60 or 1440). */
	public int minutes() {
		return minutes;
	}

	/** "1 day", "3 days": {@code amount} of this unit in words. */
	public String words(int amount) {
		return amount + " " + (amount == 1 ? value.substring(0, value.length() - 1) : value);
	}

	/**
	 * The largest unit that divides {@code delayMinutes} (0 is days): the unit a delay
	 * given only in minutes is shown in.
	 */
	public static DelayUnit fitting(int delayMinutes) {
		if (delayMinutes % DAYS.minutes == 0) {
			return DAYS;
		}
		return delayMinutes % HOURS.minutes == 0 ? HOURS : MINUTES;
	}

	/**
	 * The unit stored as {@code value} (case and surrounding spaces aside).
	 * @throws IllegalArgumentException for another value (a 400 naming the field in the
	 * API)
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
