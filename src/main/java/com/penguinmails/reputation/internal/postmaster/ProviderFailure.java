package com.penguinmails.reputation.internal.postmaster;

/**
 * A provider answered with an error or could not be reached; the message says which, in
 * words the page shows (never a secret). The pull is retried on the next round.
 */
public class ProviderFailure extends RuntimeException {

	public ProviderFailure(String message) {
		super(message);
	}

	/**
	 * The provider could not be reached: why, in words, with the host asked (never the
	 * URL: SNDS's carries the key).
	 * @param provider the provider's name ("Microsoft SNDS")
	 * @param uri what was asked
	 * @param cause the network failure
	 */
	public static ProviderFailure unreachable(String provider, java.net.URI uri, Throwable cause) {
		String why = com.penguinmails.shared.NetworkFailures.why(uri.getHost(), cause);
		return new ProviderFailure(provider + " could not be reached: " + why + ".");
	}

}
