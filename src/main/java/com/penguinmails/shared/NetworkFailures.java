package com.penguinmails.shared;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

import javax.net.ssl.SSLException;

/**
 * Why a call to another server failed, in words a page can show: the name does not
 * resolve, the connection was refused, no answer in time, TLS failed, or another network
 * error (its type named). The causes of the failure are looked through, so a wrapped
 * {@link UnknownHostException} (as the AWS SDK and the JDK's HTTP client wrap them) still
 * reads as such. Never the URL (it may carry a key), only the host.
 */
public final class NetworkFailures {

	private NetworkFailures() {
	}

	/**
	 * The reason, e.g. "the name api.example.com does not resolve (no DNS answer from
	 * this server)".
	 * @param host the host asked, or null when unknown
	 * @param failure the exception thrown by the call
	 */
	public static String why(String host, Throwable failure) {
		String where = host == null || host.isBlank() ? "the server" : host;
		int depth = 0;
		for (Throwable cause = failure; cause != null && depth < 10; cause = cause.getCause(), depth++) {
			if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
				return host == null || host.isBlank() ? "the server's name does not resolve (no DNS answer)"
						: "the name " + host + " does not resolve (no DNS answer from this server)";
			}
			if (cause instanceof ConnectException) {
				return where + " refused the connection, or nothing answers there from this server";
			}
			if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
				return where + " did not answer in time";
			}
			if (cause instanceof SSLException) {
				return "the TLS connection to " + where + " failed";
			}
		}
		return "a network error on the way to " + where + " (" + failure.getClass().getSimpleName() + ")";
	}

}
