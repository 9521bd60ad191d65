package com.penguinmails.reputation.internal.throttle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.reputation.PathState;
import com.penguinmails.reputation.RecipientProvider;
import com.penguinmails.reputation.SendingThrottles.Decision;
import com.penguinmails.reputation.ThrottleAction;
import com.penguinmails.shared.StoredValue;

/** The SQL of throttling decisions; every query takes the workspace id first. */
@Repository
class DecisionRepository {

	/** Decisions of one UTC day on one subject: how many, and what they were. */
	record Day(LocalDate day, int count, String actions) {
	}

	private final JdbcClient jdbc;

	DecisionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void add(UUID workspaceId, Decision d) {
		jdbc.sql("""
				INSERT INTO throttle_decisions (id, workspace_id, mailbox_id, sender_domain, path, provider, action,
				    state, per_hour, min_gap_seconds, suspended_until, reason, signals, window_seconds, evidence,
				    decided_by, decided_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(d.id(), workspaceId, d.mailboxId(), d.senderDomain(), d.path(), d.provider().value(),
					d.action().value(), d.state().value(), d.perHour(), d.minGapSeconds(),
					ThrottleRepository.ts(d.suspendedUntil()), ThrottleRepository.cut(d.reason(), 500), d.signals(),
					d.windowSeconds(), d.evidence().toArray(String[]::new), d.decidedBy(),
					Timestamp.from(d.decidedAt()))
			.update();
	}

	/** The workspace's latest decisions, newest first. */
	List<Decision> latest(UUID workspaceId, int max) {
		return jdbc.sql("SELECT * FROM throttle_decisions WHERE workspace_id = ? ORDER BY decided_at DESC LIMIT ?")
			.params(workspaceId, max)
			.query(DecisionRepository::decision)
			.list();
	}

	/**
	 * Decisions per UTC day from {@code from} to {@code to} (both included) on a mailbox
	 * (when {@code mailboxId} is given) or on every mailbox of a sending domain.
	 */
	List<Day> perDay(UUID workspaceId, UUID mailboxId, String senderDomain, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				SELECT (decided_at AT TIME ZONE 'UTC')::date AS day, count(*),
				    string_agg(action, ',' ORDER BY decided_at) FROM throttle_decisions
				WHERE workspace_id = ? AND (mailbox_id = ? OR sender_domain = ?)
				    AND decided_at >= ? AND decided_at < ?
				GROUP BY 1 ORDER BY 1""")
			.params(workspaceId, mailboxId, senderDomain, Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()),
					Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
			.query((rs, i) -> new Day(rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getString(3)))
			.list();
	}

	/** The mailboxes and sending domains with decisions. */
	List<String[]> subjects(UUID workspaceId) {
		return jdbc
			.sql("SELECT DISTINCT mailbox_id::text, sender_domain FROM throttle_decisions WHERE workspace_id = ?")
			.param(workspaceId)
			.query((rs, i) -> new String[] { rs.getString(1), rs.getString(2) })
			.list();
	}

	private static Decision decision(ResultSet rs, int row) throws SQLException {
		java.sql.Array evidence = rs.getArray("evidence");
		return new Decision(rs.getObject("id", UUID.class), rs.getObject("mailbox_id", UUID.class),
				rs.getString("sender_domain"), StoredValue.of(RecipientProvider.class, rs.getString("provider")),
				rs.getString("path"), StoredValue.of(ThrottleAction.class, rs.getString("action")),
				StoredValue.of(PathState.class, rs.getString("state")), rs.getInt("per_hour"),
				rs.getInt("min_gap_seconds"), ThrottleRepository.instant(rs.getTimestamp("suspended_until")),
				rs.getString("reason"), rs.getInt("signals"), rs.getLong("window_seconds"),
				evidence == null ? List.of() : Arrays.asList((String[]) evidence.getArray()),
				rs.getObject("decided_by", UUID.class), rs.getTimestamp("decided_at").toInstant());
	}

	/**
	 * Deletes the decisions older than {@code before}, at most {@code limit} of them (the
	 * housekeeping deletes in bounded batches); returns how many.
	 */
	int forgetBefore(Instant before, int limit) {
		return jdbc
			.sql("""
					DELETE FROM throttle_decisions WHERE id IN (SELECT id FROM throttle_decisions WHERE decided_at < ? LIMIT ?)""")
			.params(Timestamp.from(before), limit)
			.update();
	}

}
