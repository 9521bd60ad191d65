package com.penguinmails.crm;

import java.time.Duration;

import com.penguinmails.shared.InvalidInputProblem;

/** How often a CRM connection's scheduled import runs. */
public enum ImportSchedule {

	/** Only when someone asks. */
	OFF("off", "Only when asked", null),

	/** One hour after the last import ended. */
	HOURLY("hourly", "Every hour", Duration.ofHours(1)),

	/** One day after the last import ended. */
	DAILY("daily", "Every day", Duration.ofDays(1));

	private final String value;

	private final String label;

	private final Duration every;

	ImportSchedule(String value, String label, Duration every) {
		this.value = value;
		this.label = label;
		this.every = every;
	}

	/** The stored and API value: {@code off}, {@code hourly} or {@code daily}. */
	public String value() {
		return value;
	}

	/** The schedule in words, for the page. */
	public String label() {
		return label;
	}

	/** The time between imports, or null for {@link #OFF}. */
	Duration every() {
		return every;
	}

	/**
	 * The schedule of a stored or given value (case and spaces ignored).
	 * @throws InvalidInputProblem {@code crm-schedule} for another value
	 */
	static ImportSchedule of(String value) {
		for (ImportSchedule s : values()) {
			if (s.value.equalsIgnoreCase(value == null ? "" : value.strip())) {
				return s;
			}
		}
		throw new InvalidInputProblem("crm-schedule", "The schedule is one of off, hourly or daily.");
	}

}
