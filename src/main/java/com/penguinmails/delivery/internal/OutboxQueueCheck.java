package com.penguinmails.delivery.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.penguinmails.delivery.OutboxLoad;
import com.penguinmails.shared.SystemCheck;
import com.penguinmails.shared.SystemChecks;

/**
 * The outbox on the system status page: queued or deferred messages due and the age of
 * the oldest ({@link SystemChecks#queue}), held messages beside; and the outbox's load
 * for the resource history ({@link OutboxLoad}).
 */
@Component
class OutboxQueueCheck implements SystemCheck, OutboxLoad {

	private final JdbcClient jdbc;

	private final Clock clock;

	OutboxQueueCheck(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public String key() {
		return "queues.outbox";
	}

	@Override
	public String title() {
		return "Outbox queue";
	}

	@Override
	public Result run() {
		Instant now = clock.instant();
		Timestamp at = Timestamp.from(now);
		// outbox_due is a partial index on not_before for these two statuses.
		return jdbc
			.sql("""
					SELECT (SELECT count(*) FROM outbox WHERE status IN ('queued', 'deferred') AND not_before <= ?) AS due,
					    (SELECT min(not_before) FROM outbox WHERE status IN ('queued', 'deferred') AND not_before <= ?) AS oldest,
					    (SELECT count(*) FROM outbox WHERE status = 'held') AS held""")
			.params(at, at)
			.query((rs, n) -> {
				Timestamp oldest = rs.getTimestamp("oldest");
				return SystemChecks.queue(rs.getLong("due"), oldest == null ? null : oldest.toInstant(), now, "message",
						"messages",
						"Check that a live node runs the dispatcher (Nodes), that sending is not paused in the "
								+ "workspaces, and the mailboxes' errors (held messages wait for their mailbox).",
						Map.of("held", rs.getLong("held")));
			})
			.single();
	}

	@Override
	public long queueDepth() {
		return jdbc.sql("SELECT count(*) FROM outbox WHERE status IN ('queued', 'deferred')")
			.query(Long.class)
			.single();
	}

	@Override
	public long sentBetween(Instant from, Instant to) {
		// outbox_sent_day is (workspace_id, sent_at) WHERE status = 'sent': walk its
		// workspaces one index probe each (a loose index scan), then one range each.
		return jdbc
			.sql("""
					WITH RECURSIVE w AS (
					    (SELECT workspace_id FROM outbox WHERE status = 'sent' ORDER BY workspace_id LIMIT 1)
					    UNION ALL
					    SELECT (SELECT o.workspace_id FROM outbox o WHERE o.status = 'sent' AND o.workspace_id > w.workspace_id
					            ORDER BY o.workspace_id LIMIT 1)
					    FROM w WHERE w.workspace_id IS NOT NULL)
					SELECT coalesce(sum(c.n), 0) FROM w, LATERAL (SELECT count(*) AS n FROM outbox o
					    WHERE o.workspace_id = w.workspace_id AND o.status = 'sent' AND o.sent_at >= ? AND o.sent_at < ?) c
					WHERE w.workspace_id IS NOT NULL""")
			.params(Timestamp.from(from), Timestamp.from(to))
			.query(Long.class)
			.single();
	}

}
