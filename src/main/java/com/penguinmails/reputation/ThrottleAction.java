package com.penguinmails.reputation;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * What a throttling decision did to a path: the automatic steps (slow, suspend, trial,
 * ease, recover) and the three overrides people make.
 */
public enum ThrottleAction implements StoredValue {

	SLOW("slow", "Slowed down", false), SUSPEND("suspend", "Suspended", false),
	TRIAL("trial", "Trial after suspension", false), EASE("ease", "Trial passed: slowed", false),
	RECOVER("recover", "Back to normal", false), RESUME("resume", "Resumed by hand", true),
	KEEP_SUSPENDED("keep_suspended", "Kept suspended by hand", true),
	CUSTOM_RATE("custom_rate", "Custom rate set by hand", true);

	private final String value;

	private final String label;

	private final boolean manual;

	ThrottleAction(String value, String label, boolean manual) {
		this.value = value;
		this.label = label;
		this.manual = manual;
	}

	@Override
	@JsonValue
	public String value() {
		return value;
	}

	/** The action in words for pages and alerts. */
	public String label() {
		return label;
	}

	/** Whether a person took it (an override), not the throttling itself. */
	public boolean manual() {
		return manual;
	}

}
