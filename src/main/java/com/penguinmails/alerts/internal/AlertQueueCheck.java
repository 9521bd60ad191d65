package com.penguinmails.alerts.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.penguinmails.shared.SystemCheck;
import com.penguinmails.shared.SystemChecks;

/**
 * Alert notifications on the system status page: pending notifications due and the age of
 * the oldest ({@link SystemChecks#queue}); those held for quiet hours or a retry, and the
 * channels whose last delivery failed, beside.
 */
@Component
class AlertQueueCheck implements SystemCheck {

	private final JdbcClient jdbc;

	private final Clock clock;

	AlertQueueCheck(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public String key() {
		return "queues.alerts";
	}

	@Override
	public String title() {
		return "Alert notifications";
	}

	@Override
	public Result run() {
		Instant now = clock.instant();
		Timestamp at = Timestamp.from(now);
		// alert_notifications_due is a partial index on due_at WHERE status = 'pending'.
		return jdbc.sql("""
				SELECT count(*) FILTER (WHERE due_at <= ?) AS due,
				    min(due_at) FILTER (WHERE due_at <= ?) AS oldest, count(*) FILTER (WHERE due_at > ?) AS later,
				    (SELECT count(*) FROM alert_channels WHERE last_error IS NOT NULL) AS failing
				FROM alert_notifications WHERE status = 'pending'""").params(at, at, at).query((rs, n) -> {
			Timestamp oldest = rs.getTimestamp("oldest");
			long due = rs.getLong("due");
			return SystemChecks.queue(due, due == 0 || oldest == null ? null : oldest.toInstant(), now, "notification",
					"notifications",
					"Check that a live node sends alert notifications (PENGUINMAILS_ALERTS_NOTIFIER_ENABLED); a "
							+ "failing channel shows its last error on Settings, Alerts of its workspace.",
					Map.of("held_or_retrying", rs.getLong("later"), "failing_channels", rs.getLong("failing")));
		}).single();
	}

}
