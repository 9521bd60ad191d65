package com.penguinmails.domains;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The TLS certificate of a workspace's tracking host, as the domain page shows it.
 * Implemented by the feature that obtains the certificates (ACME), so that domains does
 * not depend on it; absent when no such feature runs.
 */
public interface TrackingCertificates {

	/**
	 * The certificate of {@code host} held by the workspace; empty when there is none
	 * (automatic TLS is off, or the host is not known yet). Scoped to the workspace: a
	 * host of another workspace is empty.
	 */
	Optional<Status> certificate(UUID workspaceId, String host);

	/**
	 * The port a message's tracking links on {@code host} name for {@code https} (443:
	 * none), when the workspace's certificate for the host is in use, valid for at least
	 * 7 more days, and served (the app's HTTPS connector, or a reverse proxy as
	 * configured); empty otherwise, and the links keep the base URL's scheme. Asked for
	 * every message sent: answers may be a minute old.
	 */
	default OptionalInt linkPort(UUID workspaceId, String host) {
		return OptionalInt.empty();
	}

	/**
	 * Where a tracking host's certificate stands.
	 *
	 * @param state {@code issued}, {@code pending} or {@code failed}
	 * @param label the state for people ("Issued", "Being requested", "Failing")
	 * @param notAfter when the certificate in use expires; null before the first one
	 * @param lastError why the last attempt failed, for people; empty when it did not
	 * @param nextAttemptAt when the next request (or renewal) is due; null when none is
	 */
	record Status(String state, String label, Instant notAfter, String lastError, Instant nextAttemptAt) {

		private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
			.withZone(ZoneOffset.UTC);

		private static final DateTimeFormatter MINUTE = DateTimeFormatter
			.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
			.withZone(ZoneOffset.UTC);

		/**
		 * The expiry day in UTC, e.g. "1 March 2027"; empty before the first certificate.
		 */
		public String expiresOn() {
			return notAfter == null ? "" : DAY.format(notAfter);
		}

		/** When the next attempt is due, in UTC, e.g. "1 March 2027, 04:10 UTC". */
		public String nextAttemptOn() {
			return nextAttemptAt == null ? "" : MINUTE.format(nextAttemptAt);
		}

	}

}
