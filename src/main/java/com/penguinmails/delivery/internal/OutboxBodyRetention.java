package com.penguinmails.delivery.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.penguinmails.shared.RetentionProperties;

/**
 * Retention of outbox bodies ({@code penguinmails.retention.outbox-bodies}, default
 * forever): a sent, failed or cancelled message older than the period (by
 * {@code coalesce(sent_at, created_at)}) loses its HTML and text, {@value #BATCH} rows
 * per transaction. Those states are final (nothing sends such a row again), and the row
 * keeps what reply matching, figures and the timeline read: Message-ID, threading
 * headers, recipient, subject, outcome. Every node may run it: rows are claimed with
 * {@code SKIP LOCKED} and the update is idempotent.
 */
@Component
class OutboxBodyRetention {

	/** Rows emptied per transaction. */
	static final int BATCH = 1000;

	private final JdbcClient jdbc;

	private final RetentionProperties retention;

	private final Clock clock;

	OutboxBodyRetention(JdbcClient jdbc, RetentionProperties retention, Clock clock) {
		this.jdbc = jdbc;
		this.retention = retention;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "PT3M", fixedDelayString = "PT1H")
	void run() {
		drop(clock.instant());
	}

	/**
	 * Empties the bodies of every final message older than the retention at {@code now}.
	 * @return how many messages lost their bodies (0 when the retention is forever)
	 */
	long drop(Instant now) {
		if (!RetentionProperties.limited(retention.outboxBodies())) {
			return 0;
		}
		Instant cutoff = now.atZone(ZoneOffset.UTC).minus(retention.outboxBodies()).toInstant();
		long total = 0;
		int done;
		do {
			// Each statement is its own transaction: a batch of row locks at a time.
			done = jdbc.sql("""
					UPDATE outbox SET html = NULL, text = '', bodies_dropped_at = ?
					WHERE (id, created_at) IN (SELECT id, created_at FROM outbox
					             WHERE status IN ('sent', 'failed', 'cancelled') AND bodies_dropped_at IS NULL
					                 AND coalesce(sent_at, created_at) < ?
					             ORDER BY coalesce(sent_at, created_at) LIMIT ? FOR UPDATE SKIP LOCKED)""")
				.params(Timestamp.from(now), Timestamp.from(cutoff), BATCH)
				.update();
			total += done;
		}
		while (done == BATCH);
		return total;
	}

}
