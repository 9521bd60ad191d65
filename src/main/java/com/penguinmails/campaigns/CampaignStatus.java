package com.penguinmails.campaigns;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * Where a campaign is in its lifecycle: draft → scheduled → running ⇄ paused → completed,
 * and archived from any of them. Stored and shown in the API as the lowercase
 * {@link #value()}.
 */
public enum CampaignStatus implements StoredValue {

	/** Being written; nothing is sent. */
	DRAFT("draft", "Draft"),
	/** Launched with a start in the future. */
	SCHEDULED("scheduled", "Scheduled"),
	/** Sending as its schedule allows. */
	RUNNING("running", "Running"),
	/** Stopped by a person (or an alert) until resumed. */
	PAUSED("paused", "Paused"),
	/** Every recipient has finished or stopped; new recipients make it run again. */
	COMPLETED("completed", "Completed"),
	/** Put away: its remaining sends stopped, and it cannot change any more. */
	ARCHIVED("archived", "Archived");

	private final String value;

	private final String label;

	CampaignStatus(String value, String label) {
		this.value = value;
		this.label = label;
	}

	/** The stored and API form, e.g. {@code running}. */
	@JsonValue
	@Override
	public String value() {
		return value;
	}

	/** The words a person reads, e.g. "Running". */
	public String label() {
		return label;
	}

	/** Whether the campaign can no longer change (completed or archived). */
	public boolean ended() {
		return this == COMPLETED || this == ARCHIVED;
	}

	/**
	 * The status stored as {@code value}.
	 * @throws IllegalArgumentException for an unknown value
	 */
	public static CampaignStatus of(String value) {
		return StoredValue.of(CampaignStatus.class, value);
	}

	@Override
	public String toString() {
		return value;
	}

}
