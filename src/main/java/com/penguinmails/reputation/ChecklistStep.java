package com.penguinmails.reputation;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/** The steps of getting a listing removed from a blocklist, in order. */
public enum ChecklistStep implements StoredValue {

	FIND_CAUSE("find_cause", "Find the cause",
			"Read what the list says the code means; look at recent bounces, complaints and who sent from the listed IP or domain."),

	FIX("fix", "Fix it",
			"Stop what caused it: pause the mailbox or campaign, remove bad addresses, secure a leaking server, fix SPF, DKIM and DMARC."),

	REQUEST_REMOVAL("request_removal", "Request removal",
			"Open the list's removal page and ask for delisting, saying what you fixed. Some lists remove by themselves once the cause stops."),

	WAIT("wait", "Wait for the list to act", "Lists act within hours to days; keep sending low while you wait."),

	RECHECK("recheck", "Re-check",
			"Look the domain and its IPs up again: the listing closes when the list no longer answers.");

	private final String value;

	private final String label;

	private final String hint;

	ChecklistStep(String value, String label, String hint) {
		this.value = value;
		this.label = label;
		this.hint = hint;
	}

	/** The stored and API form: {@code find_cause}, ... */
	@JsonValue
	@Override
	public String value() {
		return value;
	}

	/** The step in words. */
	public String label() {
		return label;
	}

	/** What to do in this step. */
	public String hint() {
		return hint;
	}

	/**
	 * The step stored as {@code value}.
	 * @throws IllegalArgumentException for a value that is none of these
	 */
	public static ChecklistStep of(String value) {
		return StoredValue.of(ChecklistStep.class, value);
	}

}
