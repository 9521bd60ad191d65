package com.penguinmails.inbound.internal;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.inbound.FeedbackDays.Count;

/**
 * Bounces and complaints per sending mailbox and day, for {@code inbound.FeedbackDays}.
 */
@Repository
public class FeedbackDayRepository {

	private final JdbcClient jdbc;

	FeedbackDayRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Count> daily(UUID workspaceId, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				SELECT sent_by, (received_at AT TIME ZONE 'UTC')::date, kind = 'complaint',
				    CASE WHEN kind = 'bounce' THEN coalesce(bounce_reason, 'undefined') END, count(*)
				FROM inbound_messages
				WHERE workspace_id = ? AND kind IN ('bounce', 'complaint') AND sent_by IS NOT NULL
				  AND received_at >= ? AND received_at < ?
				GROUP BY 1, 2, 3, 4""")
			.params(workspaceId, start(from), start(to.plusDays(1)))
			.query((rs, i) -> new Count(rs.getObject(1, UUID.class), rs.getDate(2).toLocalDate(), rs.getBoolean(3),
					rs.getString(4), rs.getLong(5)))
			.list();
	}

	public List<UUID> bouncedMessages(UUID workspaceId, LocalDate from) {
		return jdbc.sql("""
				SELECT DISTINCT outbox_id FROM inbound_messages
				WHERE workspace_id = ? AND kind = 'bounce' AND outbox_id IS NOT NULL AND received_at >= ?""")
			.params(workspaceId, start(from))
			.query(UUID.class)
			.list();
	}

	private static Timestamp start(LocalDate day) {
		return Timestamp.from(day.atStartOfDay().toInstant(ZoneOffset.UTC));
	}

}
