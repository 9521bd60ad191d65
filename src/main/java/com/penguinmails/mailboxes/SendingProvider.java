package com.penguinmails.mailboxes;

import java.time.Instant;
import java.util.UUID;

/**
 * A workspace's named sending provider account (Postmark, Mailgun or Amazon SES) that
 * sending routes point at, as users see it: its settings that are not secret and its
 * health. The credentials are write-only: only that they are set is said.
 *
 * @param id the provider's id
 * @param name the name users gave it, unique in the workspace
 * @param transport the kind and the provider's settings that are not secret (stream,
 * sending domain, region)
 * @param health healthy, failing or unknown (not checked yet)
 * @param healthError why the last check or send failed, in words (null when healthy)
 * @param healthChangedAt when the health last changed (null before the first check)
 * @param checkedAt when it was last checked (null before the first check)
 * @param enabled false while turned off: routes skip it and it is not checked
 */
public record SendingProvider(UUID id, String name, SendingTransport transport, ProviderHealth health,
		String healthError, Instant healthChangedAt, Instant checkedAt, boolean enabled) {

	/** "Mailgun (mg.example.com, US)", for pages. */
	public String describe() {
		StringBuilder words = new StringBuilder(transport.kind().label());
		String detail = transport.domain() != null ? transport.domain()
				: transport.messageStream() != null ? "stream " + transport.messageStream() : null;
		String region = transport.region() == null ? null : transport.region().toUpperCase(java.util.Locale.ROOT);
		if (detail != null || region != null) {
			words.append(" (")
				.append(detail == null ? region : region == null ? detail : detail + ", " + region)
				.append(')');
		}
		return words.toString();
	}

}
