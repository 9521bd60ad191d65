package com.penguinmails.reputation.internal.postmaster;

import com.penguinmails.shared.StoredValue;

/** Where a connection to Postmaster Tools or SNDS stands. */
public enum ConnectionStatus implements StoredValue {

	/** The last pull worked (or none ran yet). */
	CONNECTED("connected", "Connected"),
	/**
	 * The provider refused the saved authorization (Google: the refresh token expired or
	 * was revoked, RFC 6749 §5.2 {@code invalid_grant}; SNDS: the key was refused): the
	 * user must connect again; the scheduled pull skips it.
	 */
	EXPIRED("expired", "Connect again"),
	/** The last pull failed for another reason (provider down, bad answer): retried. */
	FAILING("failing", "Last pull failed");

	private final String value;

	private final String label;

	ConnectionStatus(String value, String label) {
		this.value = value;
		this.label = label;
	}

	@Override
	public String value() {
		return value;
	}

	/** The status in words for the page. */
	public String label() {
		return label;
	}

}
