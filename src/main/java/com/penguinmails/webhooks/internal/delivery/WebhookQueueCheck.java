package com.penguinmails.webhooks.internal.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.penguinmails.shared.SystemCheck;
import com.penguinmails.shared.SystemChecks;

/**
 * Webhook deliveries on the system status page: pending deliveries due and the age of the
 * oldest ({@link SystemChecks#queue}), those waiting for a later retry beside.
 */
@Component
class WebhookQueueCheck implements SystemCheck {

	private final JdbcClient jdbc;

	private final Clock clock;

	WebhookQueueCheck(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public String key() {
		return "queues.webhooks";
	}

	@Override
	public String title() {
		return "Webhook deliveries";
	}

	@Override
	public Result run() {
		Instant now = clock.instant();
		Timestamp at = Timestamp.from(now);
		// webhook_deliveries_due is a partial index on next_attempt_at WHERE status =
		// 'pending'.
		return jdbc.sql("""
				SELECT count(*) FILTER (WHERE next_attempt_at <= ?) AS due,
				    min(next_attempt_at) AS oldest, count(*) FILTER (WHERE next_attempt_at > ?) AS later
				FROM webhook_deliveries WHERE status = 'pending'""").params(at, at).query((rs, n) -> {
			Timestamp oldest = rs.getTimestamp("oldest");
			long due = rs.getLong("due");
			return SystemChecks.queue(due, due == 0 || oldest == null ? null : oldest.toInstant(), now, "delivery",
					"deliveries",
					"Check that a live node runs the webhook sender (PENGUINMAILS_WEBHOOKS_SENDER_ENABLED) and that "
							+ "the endpoints answer: each endpoint's delivery log says why attempts fail.",
					Map.of("retrying_later", rs.getLong("later")));
		}).single();
	}

}
