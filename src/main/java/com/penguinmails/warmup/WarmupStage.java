package com.penguinmails.warmup;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/** Where a mailbox's warmup stands today. JSON: the lower-case {@link #value()}. */
public enum WarmupStage implements StoredValue {

	/** Warmup is off. */
	OFF("off", "Off"),
	/** On, ramping up day by day. */
	RAMPING("ramping", "Ramping"),
	/** On, held by the closed loop after too much spam placement. */
	HOLDING("holding", "Holding"),
	/** Campaigns send from it; warmup continues at the maintenance volume. */
	GRADUATED("graduated", "Graduated");

	private final String value;

	private final String label;

	WarmupStage(String value, String label) {
		this.value = value;
		this.label = label;
	}

	@Override
	@JsonValue
	public String value() {
		return value;
	}

	/** What people read. */
	public String label() {
		return label;
	}

}
