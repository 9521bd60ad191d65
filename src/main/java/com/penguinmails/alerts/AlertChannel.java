package com.penguinmails.alerts;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * A place a workspace's alerts go. Never carries a Slack or Teams URL: those are secrets,
 * shown only as {@code urlHint} (scheme and host).
 *
 * @param kind {@code email}, {@code slack}, {@code teams} or {@code webhook}
 * @param addresses for {@code email}: comma-separated addresses, empty for the
 * workspace's owner and admins
 * @param quietZone the IANA time zone of the quiet hours, or null when it has none
 * @param quietFrom local start of the quiet hours (inclusive)
 * @param quietTo local end of the quiet hours (exclusive); not after {@code quietFrom}:
 * over midnight
 * @param criticalBypassesQuiet whether critical alerts go out in quiet hours
 * @param lastError the last delivery's error, or null when the last one went through (for
 * an email channel, null only once no address is failing)
 * @param failingAddresses for an email channel: the addresses whose latest message failed
 * (being retried, or given up), each delivered and retried on its own
 */
public record AlertChannel(UUID id, String name, String kind, String addresses, String urlHint, String quietZone,
		LocalTime quietFrom, LocalTime quietTo, boolean criticalBypassesQuiet, String lastError, Instant lastErrorAt,
		Instant lastDeliveredAt, List<String> failingAddresses) {

	/** Whether it has quiet hours. */
	public boolean quiet() {
		return quietZone != null && quietFrom != null && quietTo != null;
	}

}
