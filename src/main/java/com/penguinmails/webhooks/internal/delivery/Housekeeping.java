package com.penguinmails.webhooks.internal.delivery;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention: deletes attempts, and events with their deliveries, older than
 * {@code penguinmails.webhooks.delivery.retention} (30 days), keeping events that still
 * have a pending delivery. One node at a time (a transaction-scoped advisory lock; the
 * others skip the round).
 */
@Component
class Housekeeping {

	/** The advisory lock's key: "webhooks retention". */
	private static final long LOCK = 0x5745_4248_4f4f_4b53L;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final WebhookDeliveryProperties properties;

	Housekeeping(JdbcClient jdbc, TransactionTemplate transactions, WebhookDeliveryProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
	}

	/**
	 * Deletes what is older than the retention at {@code now}.
	 * @return attempts and events deleted, or -1 when another node holds the round
	 */
	long purge(Instant now) {
		Timestamp before = Timestamp.from(now.minus(properties.retention()));
		Long deleted = transactions.execute(status -> {
			if (!jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single()) {
				return -1L;
			}
			long attempts = jdbc.sql("DELETE FROM webhook_attempts WHERE attempted_at < ?").param(before).update();
			long events = jdbc.sql("""
					DELETE FROM webhook_events ev WHERE ev.created_at < ?
					  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d
					                  WHERE d.event_id = ev.id AND d.status = 'pending')""").param(before).update();
			return attempts + events;
		});
		return deleted == null ? -1 : deleted;
	}

}
