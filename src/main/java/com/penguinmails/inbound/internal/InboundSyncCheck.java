package com.penguinmails.inbound.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.penguinmails.shared.SystemCheck;
import com.penguinmails.shared.SystemChecks;

/**
 * Inbound sync on the system status page: mailboxes on the sync schedule whose next sync
 * is over 5 minutes past its time (a sync is due every minute), graded by the oldest
 * ({@link SystemChecks#queue}).
 */
@Component
class InboundSyncCheck implements SystemCheck {

	static final Duration GRACE = Duration.ofMinutes(5);

	private final JdbcClient jdbc;

	private final Clock clock;

	InboundSyncCheck(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public String key() {
		return "queues.inbound";
	}

	@Override
	public String title() {
		return "Inbound sync";
	}

	@Override
	public Result run() {
		Instant now = clock.instant();
		Timestamp overdue = Timestamp.from(now.minus(GRACE));
		return jdbc.sql("""
				SELECT count(*) FILTER (WHERE i.next_sync_at < ?) AS due,
				    min(i.next_sync_at) FILTER (WHERE i.next_sync_at < ?) AS oldest, count(*) AS mailboxes
				FROM inbound_mailboxes i""").params(overdue, overdue).query((rs, n) -> {
			Timestamp oldest = rs.getTimestamp("oldest");
			return SystemChecks.queue(rs.getLong("due"), oldest == null ? null : oldest.toInstant(), now,
					"mailbox sync", "mailbox syncs",
					"Check that a live node runs inbound sync (PENGUINMAILS_INBOUND_SYNC_ENABLED) and the mailboxes' "
							+ "IMAP errors on their pages (a changed password, a server refusing the login).",
					Map.of("mailboxes", rs.getLong("mailboxes")));
		}).single();
	}

}
