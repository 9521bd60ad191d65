package com.penguinmails.delivery.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.mailboxes.SentVia;

/**
 * The dispatcher's side of the outbox: claims with {@code SKIP LOCKED} and a lease, and
 * each outcome. An outcome only lands on a row still in {@code sending}.
 */
@Repository
public class OutboxStore {

	/** How long a claim holds its rows; a node that dies lets them go after this. */
	public static final Duration LEASE = Duration.ofMinutes(2);

	/**
	 * A claimed row: what it takes to build and send the message, and its
	 * {@code created_at}, the outbox's partition key (V94): each outcome names the row by
	 * both, so it reads one partition.
	 */
	public record Claimed(UUID id, UUID workspaceId, UUID campaignId, UUID enrolmentId, int step, UUID mailboxId,
			String toAddress, String toName, String subject, String html, String text, String messageId,
			String inReplyTo, String references, int attempts, Instant createdAt) {
	}

	private final JdbcClient jdbc;

	OutboxStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims up to {@code max} due rows: queued or deferred ones due by {@code now}, and
	 * ones left in {@code sending} whose lease ran out (their node died), skipping paused
	 * workspaces and unavailable mailboxes. Rows another node is claiming are skipped,
	 * never waited for.
	 */
	public List<Claimed> claim(Instant now, int max, Collection<UUID> unavailableMailboxes) {
		Timestamp at = Timestamp.from(now);
		return jdbc.sql("""
				UPDATE outbox o SET status = 'sending', lease_until = ?, handed_over_at = NULL
				FROM (SELECT id, created_at FROM outbox d
				      WHERE ((d.status IN ('queued', 'deferred') AND d.not_before <= ?)
				             OR (d.status = 'sending' AND d.lease_until <= ? AND d.handed_over_at IS NULL))
				        AND NOT EXISTS (SELECT 1 FROM sending_pauses p WHERE p.workspace_id = d.workspace_id)
				        AND d.mailbox_id <> ALL (?)
				      ORDER BY d.not_before
				      LIMIT ?
				      FOR UPDATE SKIP LOCKED) due
				WHERE o.id = due.id AND o.created_at = due.created_at
				RETURNING o.id, o.workspace_id, o.campaign_id, o.enrolment_id, o.step, o.mailbox_id, o.to_address,
				    o.to_name, o.subject, o.html, o.text, o.message_id, o.in_reply_to, o.references_ids, o.attempts,
				    o.created_at""")
			.params(Timestamp.from(now.plus(LEASE)), at, at, unavailableMailboxes.toArray(UUID[]::new), max)
			.query((rs, i) -> new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getInt(5), rs.getObject(6, UUID.class),
					rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
					rs.getString(12), rs.getString(13), rs.getString(14), rs.getInt(15),
					rs.getTimestamp(16).toInstant()))
			.list();
	}

	/** A row a dead node had handed over, now recorded as sent. */
	public record Settled(UUID id, UUID workspaceId, UUID campaignId, UUID enrolmentId, int step, String messageId,
			UUID mailboxId, Instant sentAt) {
	}

	/**
	 * Records that the end of the row's data went to the server (SMTP's final {@code .},
	 * flushed; the reply not read yet): the server has the whole message. One statement,
	 * committed without waiting for the WAL flush ({@code synchronous_commit} off for
	 * this transaction only): it must outlive the sending node, which PostgreSQL does the
	 * moment it commits; only a crash of PostgreSQL itself within its flush delay loses
	 * it, and then the message may be sent twice, as before this record existed.
	 */
	public void handedOver(Claimed row, Instant now) {
		jdbc.sql("""
				WITH fast AS (SELECT set_config('synchronous_commit', 'off', true))
				UPDATE outbox SET handed_over_at = ? FROM fast
				WHERE id = ? AND created_at = ? AND status = 'sending'""")
			.params(Timestamp.from(now), row.id(), Timestamp.from(row.createdAt()))
			.update();
	}

	/**
	 * Rows whose node died after handing them over (their data's end was sent) and before
	 * it recorded the server's reply: recorded as sent at that moment, with a note, once
	 * their lease ran out, and never sent again (RFC 1047: the server most likely
	 * accepted it; sending again would most likely deliver it twice). At most
	 * {@code max}; rows another node is settling are skipped.
	 */
	public List<Settled> settleHandedOver(Instant now, int max) {
		return jdbc.sql("""
				UPDATE outbox o SET status = 'sent', sent_at = o.handed_over_at, last_attempt_at = o.handed_over_at,
				    attempts = o.attempts + 1, failure = NULL, lease_until = NULL, sent_via = 'smtp',
				    note = 'sent: its node stopped after handing it to the server, before the reply was recorded'
				FROM (SELECT id, created_at FROM outbox d
				      WHERE d.status = 'sending' AND d.lease_until <= ? AND d.handed_over_at IS NOT NULL
				      LIMIT ? FOR UPDATE SKIP LOCKED) h
				WHERE o.id = h.id AND o.created_at = h.created_at
				RETURNING o.id, o.workspace_id, o.campaign_id, o.enrolment_id, o.step, o.message_id, o.mailbox_id,
				    o.handed_over_at""")
			.params(Timestamp.from(now), max)
			.query((rs, i) -> new Settled(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getInt(5), rs.getString(6),
					rs.getObject(7, UUID.class), rs.getTimestamp(8).toInstant()))
			.list();
	}

	/**
	 * Sent, recording which transport took it (and the route's sending provider, if any).
	 */
	public boolean sent(Claimed row, Instant now, String reply, String queueId, String dkimDomain, String note,
			SentVia via) {
		return jdbc.sql("""
				UPDATE outbox SET status = 'sent', sent_at = ?, last_attempt_at = ?, attempts = attempts + 1,
				    smtp_reply = ?, queue_id = ?, dkim_domain = ?, note = ?, failure = NULL, lease_until = NULL,
				    sent_via = ?, sent_via_provider = ?
				WHERE id = ? AND created_at = ? AND status = 'sending'""")
			.params(Timestamp.from(now), Timestamp.from(now), cut(reply, 1000), cut(queueId, 200), dkimDomain,
					cut(note, 300), via.kind().value(), via.providerId(), row.id(), Timestamp.from(row.createdAt()))
			.update() == 1;
	}

	public boolean deferred(Claimed row, Instant now, Instant retryAt, String reply, String dkimDomain, String note) {
		return jdbc.sql("""
				UPDATE outbox SET status = 'deferred', not_before = ?, last_attempt_at = ?, attempts = attempts + 1,
				    smtp_reply = ?, dkim_domain = ?, note = ?, lease_until = NULL
				WHERE id = ? AND created_at = ? AND status = 'sending'""")
			.params(Timestamp.from(retryAt), Timestamp.from(now), cut(reply, 1000), dkimDomain, cut(note, 300),
					row.id(), Timestamp.from(row.createdAt()))
			.update() == 1;
	}

	/**
	 * A final failure; {@code attempted} says whether it counts as an attempt (false when
	 * it was never handed to a server).
	 */
	public boolean failed(Claimed row, Instant now, boolean attempted, String reply, String failure, String note) {
		return jdbc.sql("""
				UPDATE outbox SET status = CASE WHEN ? THEN 'failed' ELSE 'cancelled' END,
				    attempts = attempts + CASE WHEN ? THEN 1 ELSE 0 END,
				    last_attempt_at = CASE WHEN ? THEN ? ELSE last_attempt_at END,
				    smtp_reply = coalesce(?, smtp_reply), failure = ?, note = ?, lease_until = NULL
				WHERE id = ? AND created_at = ? AND status = 'sending'""")
			.params(attempted, attempted, attempted, Timestamp.from(now), cut(reply, 1000), failure, cut(note, 300),
					row.id(), Timestamp.from(row.createdAt()))
			.update() == 1;
	}

	/**
	 * Back to the queue, not counted as an attempt (the server was not reached), due
	 * again at {@code retryAt} at the earliest.
	 */
	public int requeue(Collection<Claimed> rows, Instant retryAt, String note) {
		// Ids are unique (outbox_keys); the times only narrow the partitions read.
		return jdbc.sql("""
				UPDATE outbox SET status = 'queued', lease_until = NULL, note = ?,
				    not_before = greatest(not_before, ?)
				WHERE id = ANY (?) AND created_at = ANY (?) AND status = 'sending'""")
			.params(cut(note, 300), Timestamp.from(retryAt), rows.stream().map(Claimed::id).toArray(UUID[]::new),
					rows.stream().map(row -> Timestamp.from(row.createdAt())).distinct().toArray(Timestamp[]::new))
			.update();
	}

	/** Holds every waiting message of a mailbox in error, so none burns its attempts. */
	public int hold(UUID workspaceId, UUID mailboxId) {
		return jdbc.sql("""
				UPDATE outbox SET status = 'held', held_reason = 'mailbox_error', lease_until = NULL
				WHERE workspace_id = ? AND mailbox_id = ? AND status IN ('queued', 'deferred')""")
			.params(workspaceId, mailboxId)
			.update();
	}

	/**
	 * Queues again what was held for mailboxes that work again (not in
	 * {@code unavailable}).
	 */
	public int release(Collection<UUID> unavailableMailboxes) {
		return jdbc.sql("""
				UPDATE outbox SET status = 'queued', held_reason = NULL
				WHERE status = 'held' AND held_reason = 'mailbox_error' AND mailbox_id <> ALL (?)""")
			.params((Object) unavailableMailboxes.toArray(UUID[]::new))
			.update();
	}

	/** Counts one more failed connection of the mailbox; returns the run so far. */
	public int connectionFailed(UUID workspaceId, UUID mailboxId, String error, Instant now) {
		return jdbc.sql("""
				INSERT INTO delivery_mailbox_failures (mailbox_id, workspace_id, failures, last_error, updated_at)
				VALUES (?, ?, 1, ?, ?)
				ON CONFLICT (mailbox_id) DO UPDATE SET failures = delivery_mailbox_failures.failures + 1,
				    last_error = excluded.last_error, updated_at = excluded.updated_at
				RETURNING failures""")
			.params(mailboxId, workspaceId, cut(error, 1000), Timestamp.from(now))
			.query(Integer.class)
			.single();
	}

	public void connected(UUID mailboxId) {
		jdbc.sql("DELETE FROM delivery_mailbox_failures WHERE mailbox_id = ?").param(mailboxId).update();
	}

	static String cut(String value, int max) {
		if (value == null) {
			return null;
		}
		return value.length() <= max ? value : value.substring(0, max);
	}

}
