package com.penguinmails.warmup.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.warmup.WarmupPlan;

/**
 * The pool's SQL over warmup's own tables: who is enabled with which plan, what a day
 * already holds, inserting planned messages, and claiming and settling due ones.
 */
@Repository
public class PoolRepository {

	/** An enabled mailbox's warmup settings, as the planner needs them. */
	public record Enabled(UUID workspaceId, UUID mailboxId, boolean sharedPool, WarmupPlan plan, LocalTime windowStart,
			LocalTime windowEnd, String timeZone) {
	}

	/** A planned message to insert. */
	public record NewMessage(UUID id, String token, String messageId, UUID senderWorkspaceId, UUID senderMailboxId,
			UUID recipientWorkspaceId, UUID recipientMailboxId, String subject, String body, LocalDate day,
			Instant dueAt) {
	}

	/** A due message claimed for sending (initial or reply). */
	public record Due(UUID id, String token, String messageId, String kind, String inReplyTo, String references,
			UUID senderWorkspaceId, UUID senderMailboxId, UUID recipientWorkspaceId, UUID recipientMailboxId,
			String subject, String body, LocalDate day, boolean dayOver) {
	}

	private static final int BATCH = 2000;

	/** Rows a statement of {@link #insert}. */
	public static final int INSERT_CHUNK = 5000;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	PoolRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/** Every enabled warmup mailbox with its workspace's pool choice. */
	public List<Enabled> enabled() {
		return jdbc.sql("""
				SELECT w.*, coalesce(s.shared_pool, false) AS shared FROM warmup_mailboxes w
				LEFT JOIN warmup_workspaces s ON s.workspace_id = w.workspace_id
				WHERE w.enabled""").query((rs, i) -> {
			MailboxRow row = MailboxRow.read(rs);
			return new Enabled(row.workspaceId(), row.mailboxId(), rs.getBoolean("shared"), row.plan(),
					row.windowStart(), row.windowEnd(), row.timeZone());
		}).list();
	}

	/**
	 * Serializes planning across instances for the transaction (two planners never race).
	 */
	public void lockPlanning() {
		jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('warmup-pool-plan'))").query((rs, i) -> 1).list();
	}

	/** Senders that already opened their threads of the day. */
	public Set<UUID> sendersPlanned(LocalDate day) {
		return new HashSet<>(jdbc.sql("""
				SELECT DISTINCT sender_mailbox_id FROM warmup_messages WHERE day = ? AND kind = 'initial'""")
			.param(Date.valueOf(day))
			.query(UUID.class)
			.list());
	}

	/** New threads each recipient already receives on the day. */
	public Map<UUID, Integer> received(LocalDate day) {
		Map<UUID, Integer> received = new HashMap<>();
		jdbc.sql("""
				SELECT recipient_mailbox_id, count(*) FROM warmup_messages WHERE day = ? AND kind = 'initial'
				GROUP BY recipient_mailbox_id""").param(Date.valueOf(day)).query(rs -> {
			received.put(rs.getObject(1, UUID.class), rs.getInt(2));
		});
		return received;
	}

	/**
	 * Inserts the planned messages, 5,000 a statement (one array per column, unnested by
	 * PostgreSQL: one round trip and one plan for the chunk).
	 */
	public void insert(List<NewMessage> rows) {
		for (int from = 0; from < rows.size(); from += INSERT_CHUNK) {
			List<NewMessage> chunk = rows.subList(from, Math.min(rows.size(), from + INSERT_CHUNK));
			jdbc.sql("""
					INSERT INTO warmup_messages (id, token, message_id, thread_id, kind, sender_workspace_id,
					    sender_mailbox_id, recipient_workspace_id, recipient_mailbox_id, subject, body, day, due_at)
					SELECT id, token, message_id, id, 'initial', sender_workspace_id, sender_mailbox_id,
					    recipient_workspace_id, recipient_mailbox_id, subject, body, day, due_at
					FROM unnest(?::uuid[], ?::text[], ?::text[], ?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[],
					    ?::text[], ?::date[], ?::timestamptz[])
					    AS r (id, token, message_id, sender_workspace_id, sender_mailbox_id, recipient_workspace_id,
					          recipient_mailbox_id, subject, body, day, due_at)""")
				.params(chunk.stream().map(NewMessage::id).toArray(UUID[]::new),
						chunk.stream().map(NewMessage::token).toArray(String[]::new),
						chunk.stream().map(NewMessage::messageId).toArray(String[]::new),
						chunk.stream().map(NewMessage::senderWorkspaceId).toArray(UUID[]::new),
						chunk.stream().map(NewMessage::senderMailboxId).toArray(UUID[]::new),
						chunk.stream().map(NewMessage::recipientWorkspaceId).toArray(UUID[]::new),
						chunk.stream().map(NewMessage::recipientMailboxId).toArray(UUID[]::new),
						chunk.stream().map(NewMessage::subject).toArray(String[]::new),
						chunk.stream().map(NewMessage::body).toArray(String[]::new),
						chunk.stream().map(row -> row.day().toString()).toArray(String[]::new),
						chunk.stream().map(row -> row.dueAt().toString()).toArray(String[]::new))
				.update();
		}
	}

	/** Keeps why each sender got fewer threads than planned on the day. */
	public void keepShortfalls(LocalDate day, Map<UUID, String> reasons, Collection<UUID> fullyPlanned) {
		template.batchUpdate("""
				INSERT INTO warmup_unplanned (mailbox_id, day, reason) VALUES (?, ?, ?)
				ON CONFLICT (mailbox_id, day) DO UPDATE SET reason = excluded.reason""", reasons.entrySet(), BATCH,
				(ps, entry) -> {
					ps.setObject(1, entry.getKey());
					ps.setDate(2, Date.valueOf(day));
					ps.setString(3, entry.getValue());
				});
		if (!fullyPlanned.isEmpty()) {
			jdbc.sql("DELETE FROM warmup_unplanned WHERE day = ? AND mailbox_id = ANY (?)")
				.params(Date.valueOf(day), fullyPlanned.toArray(UUID[]::new))
				.update();
		}
	}

	public Optional<String> unplannedReason(UUID mailboxId, LocalDate day) {
		return jdbc.sql("SELECT reason FROM warmup_unplanned WHERE mailbox_id = ? AND day = ?")
			.params(mailboxId, Date.valueOf(day))
			.query(String.class)
			.optional();
	}

	/** Why each of the mailboxes fell short on the day, for those that did. */
	public java.util.Map<UUID, String> unplannedReasons(Collection<UUID> mailboxIds, LocalDate day) {
		java.util.Map<UUID, String> reasons = new java.util.HashMap<>();
		jdbc.sql("SELECT mailbox_id, reason FROM warmup_unplanned WHERE mailbox_id = ANY (?) AND day = ?")
			.params(mailboxIds.toArray(UUID[]::new), Date.valueOf(day))
			.query((rs, n) -> reasons.put(rs.getObject(1, UUID.class), rs.getString(2)))
			.list();
		return reasons;
	}

	/** When the mailbox's next unsent warmup message is due, if it has one. */
	public Optional<Instant> nextDue(UUID mailboxId) {
		return jdbc.sql("""
				SELECT min(due_at) FROM warmup_messages
				WHERE sender_mailbox_id = ? AND sent_at IS NULL AND failed_at IS NULL""")
			.param(mailboxId)
			.query((rs, n) -> rs.getTimestamp(1))
			.optional()
			.filter(java.util.Objects::nonNull)
			.map(Timestamp::toInstant);
	}

	/**
	 * Drops the due unsent messages of senders whose warmup is off (or gone): "warmup
	 * turned off"; and those to a recipient whose warmup is off or gone, or that is
	 * paused or in error ({@code unavailable}): "recipient left the pool" — nobody would
	 * look for them there, so they would land in a person's inbox.
	 */
	public int dropOutOfPool(Instant now, Collection<UUID> unavailable) {
		return jdbc
			.sql("""
					UPDATE warmup_messages m SET failed_at = ?, claimed_until = NULL,
					    error = CASE WHEN NOT EXISTS (SELECT 1 FROM warmup_mailboxes w
					                                  WHERE w.mailbox_id = m.sender_mailbox_id AND w.enabled)
					            THEN 'warmup turned off' ELSE 'recipient left the pool' END
					WHERE m.due_at <= ? AND m.sent_at IS NULL AND m.failed_at IS NULL
					  AND (NOT EXISTS (SELECT 1 FROM warmup_mailboxes w WHERE w.mailbox_id = m.sender_mailbox_id AND w.enabled)
					       OR NOT EXISTS (SELECT 1 FROM warmup_mailboxes w
					                      WHERE w.mailbox_id = m.recipient_mailbox_id AND w.enabled)
					       OR m.recipient_mailbox_id = ANY (?))""")
			.params(Timestamp.from(now), Timestamp.from(now), unavailable.toArray(UUID[]::new))
			.update();
	}

	/**
	 * Fails the unsent messages of senders that cannot send (paused or in error) once
	 * their day is over in the sender's time zone.
	 */
	public int failPaused(Collection<UUID> unavailable, Instant now) {
		if (unavailable.isEmpty()) {
			return 0;
		}
		return jdbc.sql("""
				UPDATE warmup_messages m SET failed_at = ?, error = 'mailbox paused', claimed_until = NULL
				FROM warmup_mailboxes w
				WHERE w.mailbox_id = m.sender_mailbox_id AND m.sender_mailbox_id = ANY (?)
				  AND m.due_at <= ? AND m.sent_at IS NULL AND m.failed_at IS NULL
				  AND m.day < (?::timestamptz AT TIME ZONE w.time_zone)::date""")
			.params(Timestamp.from(now), unavailable.toArray(UUID[]::new), Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	/**
	 * Claims up to {@code max} due unsent messages (oldest first) of senders that can
	 * send, leased for 10 minutes; {@code SKIP LOCKED} so that concurrent senders never
	 * take the same rows.
	 */
	public List<Due> claim(Instant now, int max, Collection<UUID> unavailable) {
		Timestamp at = Timestamp.from(now);
		return jdbc.sql("""
				UPDATE warmup_messages m SET claimed_until = ?::timestamptz + interval '10 minutes'
				FROM (SELECT id FROM warmup_messages
				      WHERE due_at <= ? AND sent_at IS NULL AND failed_at IS NULL
				        AND (claimed_until IS NULL OR claimed_until <= ?) AND NOT (sender_mailbox_id = ANY (?))
				      ORDER BY due_at LIMIT ?
				      FOR UPDATE SKIP LOCKED) due, warmup_mailboxes w
				WHERE m.id = due.id AND w.mailbox_id = m.sender_mailbox_id
				RETURNING m.id, m.token, m.message_id, m.kind, m.in_reply_to, m.references_ids, m.sender_workspace_id,
				    m.sender_mailbox_id, m.recipient_workspace_id, m.recipient_mailbox_id, m.subject, m.body, m.day,
				    m.day < (?::timestamptz AT TIME ZONE w.time_zone)::date AS day_over""")
			.params(at, at, at, unavailable.toArray(UUID[]::new), max, at)
			.query((rs, i) -> new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getObject(7, UUID.class), rs.getObject(8, UUID.class),
					rs.getObject(9, UUID.class), rs.getObject(10, UUID.class), rs.getString(11), rs.getString(12),
					rs.getObject(13, LocalDate.class), rs.getBoolean(14)))
			.list();
	}

	/** Marks the messages sent at {@code now}. */
	public void sent(Collection<UUID> ids, Instant now) {
		if (!ids.isEmpty()) {
			jdbc.sql("""
					UPDATE warmup_messages SET sent_at = ?, error = NULL, claimed_until = NULL
					WHERE id = ANY (?) AND sent_at IS NULL""")
				.params(Timestamp.from(now), ids.toArray(UUID[]::new))
				.update();
		}
	}

	/** Marks each message failed at {@code now} with its error (by id). */
	public void failed(Map<UUID, String> errors, Instant now) {
		template.batchUpdate("""
				UPDATE warmup_messages SET failed_at = ?, error = ?, claimed_until = NULL
				WHERE id = ? AND sent_at IS NULL""", errors.entrySet(), BATCH, (ps, entry) -> {
			ps.setTimestamp(1, Timestamp.from(now));
			ps.setString(2, entry.getValue().length() > 1000 ? entry.getValue().substring(0, 1000) : entry.getValue());
			ps.setObject(3, entry.getKey());
		});
	}

	/**
	 * Leaves the messages unsent, to try again once {@code retryAt} has passed (an SMTP
	 * 4xx), with the server's answer as the error so far.
	 */
	public void retryLater(Map<UUID, String> errors, Instant retryAt) {
		template.batchUpdate("UPDATE warmup_messages SET claimed_until = ?, error = ? WHERE id = ? AND sent_at IS NULL",
				errors.entrySet(), BATCH, (ps, entry) -> {
					ps.setTimestamp(1, Timestamp.from(retryAt));
					ps.setString(2,
							entry.getValue().length() > 1000 ? entry.getValue().substring(0, 1000) : entry.getValue());
					ps.setObject(3, entry.getKey());
				});
	}

}
