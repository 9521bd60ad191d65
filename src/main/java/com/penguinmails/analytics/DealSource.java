package com.penguinmails.analytics;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/** Where a deal was recorded from, as stored in {@code deals.source} and in the API. */
public enum DealSource implements StoredValue {

	/** {@code POST /api/v1/deals} or the revenue page's form. */
	API("api", "API or form"),

	/** A CSV upload (API or page). */
	CSV("csv", "CSV upload"),

	/** A CRM integration's sync. */
	CRM("crm", "CRM");

	private final String value;

	private final String label;

	DealSource(String value, String label) {
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

	/** The source stored as {@code value}. */
	public static DealSource of(String value) {
		return StoredValue.of(DealSource.class, value);
	}

}
