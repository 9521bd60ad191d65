package com.penguinmails.analytics.internal.reports;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/** How often a scheduled report is sent: its value in the API and the database. */
public enum ReportCadence implements StoredValue {

	DAILY("daily", "Every day"), WEEKLY("weekly", "Every week"), MONTHLY("monthly", "Every month");

	private final String value;

	private final String label;

	ReportCadence(String value, String label) {
		this.value = value;
		this.label = label;
	}

	@Override
	@JsonValue
	public String value() {
		return value;
	}

	/** The cadence in words. */
	public String label() {
		return label;
	}

	/** The cadence whose {@link #value()} this is, ignoring case. */
	public static Optional<ReportCadence> of(String value) {
		for (ReportCadence cadence : values()) {
			if (cadence.value.equalsIgnoreCase(value == null ? "" : value.strip())) {
				return Optional.of(cadence);
			}
		}
		return Optional.empty();
	}

}
