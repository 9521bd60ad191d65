package com.penguinmails.delivery.internal;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.delivery.SendingDays.Day;

/** The outbox per mailbox and UTC day, for {@code delivery.SendingDays}. */
@Repository
public class SendingDayRepository {

	/** A refused message: who sent it, the day, the server's reply and the recipient. */
	public record RefusalRow(UUID mailboxId, LocalDate day, String reply, String to) {
	}

	// Sent messages count on the day of sent_at, refused ones on their last attempt.
	private static final String ATTEMPTED = """
			((status = 'sent' AND sent_at >= ? AND sent_at < ?)
			 OR (status = 'failed' AND coalesce(failure, '') NOT IN ('suppressed', 'mailbox_removed')
			     AND last_attempt_at >= ? AND last_attempt_at < ?))""";

	private final JdbcClient jdbc;

	SendingDayRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Day> daily(UUID workspaceId, LocalDate from, LocalDate to, Collection<UUID> bounced) {
		Timestamp start = start(from);
		Timestamp end = start(to.plusDays(1));
		return jdbc.sql("""
				SELECT mailbox_id, (coalesce(sent_at, last_attempt_at) AT TIME ZONE 'UTC')::date AS day,
				    count(*), count(*) FILTER (WHERE status = 'sent'),
				    count(*) FILTER (WHERE status = 'sent' AND NOT (id = ANY (?)))
				FROM outbox WHERE workspace_id = ? AND """ + ATTEMPTED + " GROUP BY 1, 2 ORDER BY 2")
			.params(bounced.toArray(UUID[]::new), workspaceId, start, end, start, end)
			.query((rs, i) -> new Day(rs.getObject(1, UUID.class), rs.getDate(2).toLocalDate(), rs.getLong(3),
					rs.getLong(4), rs.getLong(5)))
			.list();
	}

	public List<RefusalRow> refusals(UUID workspaceId, LocalDate from, LocalDate to) {
		return jdbc
			.sql("""
					SELECT mailbox_id, (last_attempt_at AT TIME ZONE 'UTC')::date, smtp_reply, to_address FROM outbox
					WHERE workspace_id = ? AND status = 'failed' AND coalesce(failure, '') NOT IN ('suppressed', 'mailbox_removed')
					  AND last_attempt_at >= ? AND last_attempt_at < ?""")
			.params(workspaceId, start(from), start(to.plusDays(1)))
			.query((rs, i) -> new RefusalRow(rs.getObject(1, UUID.class), rs.getDate(2).toLocalDate(), rs.getString(3),
					rs.getString(4)))
			.list();
	}

	private static Timestamp start(LocalDate day) {
		return Timestamp.from(day.atStartOfDay().toInstant(ZoneOffset.UTC));
	}

}
