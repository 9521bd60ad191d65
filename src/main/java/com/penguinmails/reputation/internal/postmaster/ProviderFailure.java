package com.penguinmails.reputation.internal.postmaster;

/**
 * A provider answered with an error or could not be reached; the message says which, in
 * words the page shows (never a secret). The pull is retried on the next round.
 */
public class ProviderFailure extends RuntimeException {

	public ProviderFailure(String message) {
		super(message);
	}

}
