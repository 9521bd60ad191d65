package com.penguinmails.tracking.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.delivery.Outbox.Recipient;

/**
 * The {@code tracking_events} table: one row per open or click request, people's and
 * machines' alike. A hot path: one INSERT per open; a click also takes a lock on its
 * message first, so a scanner's parallel clicks see each other.
 */
@Repository
public class TrackingEventStore {

	/** Whether a stored event is a machine's, and why. */
	public record Stored(UUID id, boolean machine, String reason) {
	}

	/**
	 * Advisory lock class of a message's clicks (the other key is the message's hash).
	 */
	private static final int CLICK_LOCK = 0x74726b63;

	private static final int MAX_AGENT = 1000;

	private static final int MAX_IP = 64;

	private final JdbcClient jdbc;

	TrackingEventStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Keeps an open; {@code reason} is why it is a machine's, or null. */
	public Stored open(Recipient message, Instant at, String userAgent, String ip, Device device, String reason) {
		UUID id = UUID.randomUUID();
		jdbc.sql(
				"""
						INSERT INTO tracking_events (id, workspace_id, campaign_id, enrolment_id, outbox_id, step, variant, kind,
						    occurred_at, user_agent, ip, machine, machine_reason, device_class, client, os)
						VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, message.workspaceId(), message.campaignId(), message.enrolmentId(), message.outboxId(),
					message.step(), message.variant(), Timestamp.from(at), cut(userAgent, MAX_AGENT), cut(ip, MAX_IP),
					reason != null, reason, device.deviceClass(), device.client(), device.os())
			.update();
		return new Stored(id, reason != null, reason);
	}

	/**
	 * Keeps a click; {@code reason} is why it is a machine's, or null, and then a click
	 * on another link of the message within {@code scanWindow} before it makes it a link
	 * scan (the first click of a scan looks like a person's and is kept as one).
	 */
	public Stored click(Recipient message, String url, Instant at, String userAgent, String ip, Device device,
			String reason, Duration scanWindow) {
		// Scanners fetch a message's links in parallel: each click waits for the ones
		// before it to commit, so it sees them (READ COMMITTED: a new snapshot per
		// statement).
		jdbc.sql("SELECT pg_advisory_xact_lock(?, hashtext(?))")
			.params(CLICK_LOCK, message.outboxId().toString())
			.query((rs, i) -> 1)
			.list();
		UUID id = UUID.randomUUID();
		Timestamp when = Timestamp.from(at);
		return jdbc
			.sql("""
					INSERT INTO tracking_events (id, workspace_id, campaign_id, enrolment_id, outbox_id, step, variant, kind,
					    url, occurred_at, user_agent, ip, machine, machine_reason, device_class, client, os)
					SELECT ?, ?, ?, ?, ?, ?, ?, 'click', ?, ?, ?, ?, why.reason IS NOT NULL, why.reason, ?, ?, ?
					FROM (SELECT coalesce(?::varchar, CASE WHEN EXISTS (
					        SELECT 1 FROM tracking_events
					        WHERE workspace_id = ? AND outbox_id = ? AND kind = 'click' AND url <> ?
					            AND occurred_at >= ? AND occurred_at <= ?) THEN 'link scan' END) AS reason) why
					RETURNING machine, machine_reason""")
			.params(id, message.workspaceId(), message.campaignId(), message.enrolmentId(), message.outboxId(),
					message.step(), message.variant(), url, when, cut(userAgent, MAX_AGENT), cut(ip, MAX_IP),
					device.deviceClass(), device.client(), device.os(), reason, message.workspaceId(),
					message.outboxId(), url, Timestamp.from(at.minus(scanWindow)), when)
			.query((rs, i) -> new Stored(id, rs.getBoolean(1), rs.getString(2)))
			.single();
	}

	private static String cut(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

}
