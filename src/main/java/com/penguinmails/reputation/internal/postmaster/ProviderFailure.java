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
		String host = uri.getHost();
		String why;
		if (cause instanceof java.nio.channels.UnresolvedAddressException
				|| cause instanceof java.net.UnknownHostException) {
			why = "the name " + host + " does not resolve (no DNS answer from this server)";
		}
		else if (cause instanceof java.net.ConnectException) {
			why = host + " refused the connection, or nothing answers there from this server";
		}
		else if (cause instanceof java.net.http.HttpTimeoutException
				|| cause instanceof java.net.SocketTimeoutException) {
			why = host + " did not answer in time";
		}
		else if (cause instanceof javax.net.ssl.SSLException) {
			why = "the TLS connection to " + host + " failed";
		}
		else {
			why = "a network error on the way to " + host + " (" + cause.getClass().getSimpleName() + ")";
		}
		return new ProviderFailure(provider + " could not be reached: " + why + ".");
	}

}
