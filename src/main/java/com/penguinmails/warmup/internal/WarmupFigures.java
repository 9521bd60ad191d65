package com.penguinmails.warmup.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of what warmup did, read from {@code warmup_messages}, and the closed loop's
 * changes in {@code warmup_ramp_changes}.
 */
@Repository
public class WarmupFigures {

	/** A day's counts for one mailbox (see {@code WarmupDay}). */
	public record Counts(LocalDate day, int sent, int repliesSent, int received, int inbox, int spam, int other,
			int missing, int rescued) {
	}

	/** Placements known of a mailbox's sent warmup mail over some days. */
	public record Placements(int inbox, int spam, int other, int missing) {

		public int known() {
			return inbox + spam + other + missing;
		}

	}

	/** A change the closed loop made. */
	public record RampChange(LocalDate day, int fromPercent, int toPercent, String reason) {
	}

	private final JdbcClient jdbc;

	WarmupFigures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Per day from {@code from} to {@code to} (inclusive), one query: what the mailbox
	 * sent by its warmup day, what it received by the day (in {@code zone}) it was sent.
	 * Days with nothing are absent.
	 */
	public Map<LocalDate, Counts> days(UUID workspaceId, UUID mailboxId, LocalDate from, LocalDate to, ZoneId zone) {
		Instant since = from.atStartOfDay(zone).toInstant();
		Instant until = to.plusDays(1).atStartOfDay(zone).toInstant();
		Map<LocalDate, Counts> days = new HashMap<>();
		jdbc.sql("""
				SELECT d,
				       count(*) FILTER (WHERE outgoing AND kind = 'initial'),
				       count(*) FILTER (WHERE outgoing AND kind = 'reply'),
				       count(*) FILTER (WHERE NOT outgoing),
				       count(*) FILTER (WHERE outgoing AND placement = 'inbox'),
				       count(*) FILTER (WHERE outgoing AND placement = 'spam'),
				       count(*) FILTER (WHERE outgoing AND placement = 'other'),
				       count(*) FILTER (WHERE outgoing AND placement = 'missing'),
				       count(*) FILTER (WHERE NOT outgoing AND rescued)
				FROM (
				    SELECT day AS d, kind, placement, rescued, true AS outgoing FROM warmup_messages
				    WHERE sender_workspace_id = ? AND sender_mailbox_id = ? AND sent_at IS NOT NULL
				      AND day BETWEEN ? AND ?
				    UNION ALL
				    SELECT (sent_at AT TIME ZONE ?)::date, kind, placement, rescued, false FROM warmup_messages
				    WHERE recipient_workspace_id = ? AND recipient_mailbox_id = ? AND sent_at >= ? AND sent_at < ?
				) m
				GROUP BY d""")
			.params(workspaceId, mailboxId, Date.valueOf(from), Date.valueOf(to), zone.getId(), workspaceId, mailboxId,
					Timestamp.from(since), Timestamp.from(until))
			.query((rs, n) -> new Counts(rs.getDate(1).toLocalDate(), rs.getInt(2), rs.getInt(3), rs.getInt(4),
					rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9)))
			.list()
			.forEach(counts -> days.put(counts.day(), counts));
		return days;
	}

	/**
	 * Per mailbox of the workspace: the distinct mailboxes it exchanged warmup mail with
	 * that was actually sent since {@code since} (either way).
	 */
	public Map<UUID, Integer> partners(UUID workspaceId, Instant since) {
		Map<UUID, Integer> partners = new HashMap<>();
		jdbc.sql("""
				SELECT mailbox, count(DISTINCT partner) FROM (
				    SELECT sender_mailbox_id AS mailbox, recipient_mailbox_id AS partner FROM warmup_messages
				    WHERE sender_workspace_id = ? AND sent_at >= ?
				    UNION ALL
				    SELECT recipient_mailbox_id, sender_mailbox_id FROM warmup_messages
				    WHERE recipient_workspace_id = ? AND sent_at >= ?
				) x GROUP BY mailbox""")
			.params(workspaceId, Timestamp.from(since), workspaceId, Timestamp.from(since))
			.query((rs, n) -> partners.put(rs.getObject(1, UUID.class), rs.getInt(2)))
			.list();
		return partners;
	}

	/**
	 * Per mailbox of the workspace and warmup day since {@code since}: new threads sent.
	 */
	public Map<UUID, Map<LocalDate, Integer>> sentByDay(UUID workspaceId, LocalDate since) {
		Map<UUID, Map<LocalDate, Integer>> sent = new HashMap<>();
		jdbc.sql("""
				SELECT sender_mailbox_id, day, count(*) FROM warmup_messages
				WHERE sender_workspace_id = ? AND kind = 'initial' AND sent_at IS NOT NULL AND day >= ?
				GROUP BY sender_mailbox_id, day""")
			.params(workspaceId, Date.valueOf(since))
			.query((rs, n) -> sent.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>())
				.put(rs.getDate(2).toLocalDate(), rs.getInt(3)))
			.list();
		return sent;
	}

	/**
	 * Where the mailbox's sent warmup mail of warmup days {@code from}..{@code to}
	 * landed.
	 */
	public Placements placements(UUID mailboxId, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				SELECT count(*) FILTER (WHERE placement = 'inbox'), count(*) FILTER (WHERE placement = 'spam'),
				       count(*) FILTER (WHERE placement = 'other'), count(*) FILTER (WHERE placement = 'missing')
				FROM warmup_messages
				WHERE sender_mailbox_id = ? AND sent_at IS NOT NULL AND day BETWEEN ? AND ?""")
			.params(mailboxId, Date.valueOf(from), Date.valueOf(to))
			.query((rs, n) -> new Placements(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
			.single();
	}

	/** The closed loop's changes of the mailbox up to {@code to}, oldest first. */
	public List<RampChange> changes(UUID workspaceId, UUID mailboxId, LocalDate to) {
		return jdbc.sql("""
				SELECT day, from_percent, to_percent, reason FROM warmup_ramp_changes
				WHERE workspace_id = ? AND mailbox_id = ? AND day <= ? ORDER BY day, created_at""")
			.params(workspaceId, mailboxId, Date.valueOf(to))
			.query((rs, n) -> new RampChange(rs.getDate(1).toLocalDate(), rs.getInt(2), rs.getInt(3), rs.getString(4)))
			.list();
	}

	/** Whether the closed loop already changed the mailbox's ramp on {@code day}. */
	public boolean changedOn(UUID mailboxId, LocalDate day) {
		return jdbc.sql("SELECT count(*) FROM warmup_ramp_changes WHERE mailbox_id = ? AND day = ?")
			.params(mailboxId, Date.valueOf(day))
			.query(Integer.class)
			.single() > 0;
	}

	public void recordChange(UUID workspaceId, UUID mailboxId, RampChange change, Instant now) {
		jdbc.sql("""
				INSERT INTO warmup_ramp_changes (id, workspace_id, mailbox_id, day, from_percent, to_percent, reason,
				    created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), workspaceId, mailboxId, Date.valueOf(change.day()), change.fromPercent(),
					change.toPercent(), change.reason(), Timestamp.from(now))
			.update();
	}

}
