package com.penguinmails.reputation;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * Who runs the mail servers of a recipient domain, as far as throttling cares: the three
 * providers that throttle by sender reputation with their own reply codes, or another
 * receiver.
 */
public enum RecipientProvider implements StoredValue {

	GOOGLE("google", "Google (Gmail, Workspace)"), MICROSOFT("microsoft", "Microsoft (Outlook.com, Microsoft 365)"),
	YAHOO("yahoo", "Yahoo (Yahoo Mail, AOL)"), OTHER("other", "Another receiver");

	private final String value;

	private final String label;

	RecipientProvider(String value, String label) {
		this.value = value;
		this.label = label;
	}

	@Override
	@JsonValue
	public String value() {
		return value;
	}

	/** The provider in words for pages and alerts. */
	public String label() {
		return label;
	}

}
