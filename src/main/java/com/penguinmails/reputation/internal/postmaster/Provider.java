package com.penguinmails.reputation.internal.postmaster;

import com.penguinmails.shared.StoredValue;

/** The two services a workspace connects: Google Postmaster Tools and Microsoft SNDS. */
public enum Provider implements StoredValue {

	GOOGLE("google", "Google Postmaster Tools"), SNDS("snds", "Microsoft SNDS");

	private final String value;

	private final String label;

	Provider(String value, String label) {
		this.value = value;
		this.label = label;
	}

	@Override
	public String value() {
		return value;
	}

	/** The service's name for people. */
	public String label() {
		return label;
	}

}
