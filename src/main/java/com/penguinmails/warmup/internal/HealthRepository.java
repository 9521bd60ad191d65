package com.penguinmails.warmup.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.warmup.HealthScore;
import com.penguinmails.warmup.WarmupHealth.Measure;

/**
 * The {@code warmup_health} table and the reads of {@code warmup_mailboxes} and
 * {@code warmup_messages} the score needs.
 */
@Repository
public class HealthRepository {

	private final JdbcClient jdbc;

	HealthRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** An enabled warmup mailbox and its last score (null until measured). */
	public record Enabled(UUID workspaceId, UUID mailboxId, Integer score) {
	}

	public List<Enabled> enabled() {
		return jdbc.sql("SELECT workspace_id, mailbox_id, health_score FROM warmup_mailboxes WHERE enabled")
			.query((rs, i) -> new Enabled(rs.getObject("workspace_id", UUID.class),
					rs.getObject("mailbox_id", UUID.class), (Integer) rs.getObject("health_score")))
			.list();
	}

	/**
	 * The mailbox's sent warmup mail of its warmup days {@code from}..{@code to} whose
	 * placement is known, counted by placement value.
	 */
	public Map<String, Integer> placements(UUID workspaceId, UUID mailboxId, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				SELECT placement, count(*) AS n FROM warmup_messages
				WHERE sender_workspace_id = ? AND sender_mailbox_id = ? AND sent_at IS NOT NULL
				    AND day BETWEEN ? AND ? AND placement <> 'pending'
				GROUP BY placement""")
			.params(workspaceId, mailboxId, Date.valueOf(from), Date.valueOf(to))
			.query((rs, i) -> Map.entry(rs.getString("placement"), rs.getInt("n")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/** Keeps the day's score (replacing a measure of the same day) and the latest one. */
	public void save(UUID workspaceId, UUID mailboxId, LocalDate day, int score, HealthScore parts, Instant now) {
		jdbc.sql("""
				INSERT INTO warmup_health (mailbox_id, workspace_id, day, score, inbox, spam, other, missing,
				    bounce_rate, complaint_rate, dns_points, dns_missing, measured_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (mailbox_id, day) DO UPDATE SET score = EXCLUDED.score, inbox = EXCLUDED.inbox,
				    spam = EXCLUDED.spam, other = EXCLUDED.other, missing = EXCLUDED.missing,
				    bounce_rate = EXCLUDED.bounce_rate, complaint_rate = EXCLUDED.complaint_rate,
				    dns_points = EXCLUDED.dns_points, dns_missing = EXCLUDED.dns_missing,
				    measured_at = EXCLUDED.measured_at""")
			.params(mailboxId, workspaceId, Date.valueOf(day), score, parts.inbox(), parts.spam(), parts.other(),
					parts.missing(), parts.bounceRate(), parts.complaintRate(), parts.dnsPoints(),
					String.join(", ", parts.dnsMissing()), Timestamp.from(now))
			.update();
		jdbc.sql("""
				UPDATE warmup_mailboxes SET health_score = ?, health_measured_at = ?
				WHERE workspace_id = ? AND mailbox_id = ?""")
			.params(score, Timestamp.from(now), workspaceId, mailboxId)
			.update();
	}

	/** The mailbox's scores of days {@code from}..{@code to}, oldest first. */
	public List<Measure> days(UUID workspaceId, UUID mailboxId, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				SELECT * FROM warmup_health WHERE workspace_id = ? AND mailbox_id = ? AND day BETWEEN ? AND ?
				ORDER BY day""")
			.params(workspaceId, mailboxId, Date.valueOf(from), Date.valueOf(to))
			.query((rs, i) -> measure(rs))
			.list();
	}

	/** The mailbox's most recent measure. */
	public Optional<Measure> latest(UUID workspaceId, UUID mailboxId) {
		return jdbc.sql("""
				SELECT * FROM warmup_health WHERE workspace_id = ? AND mailbox_id = ?
				ORDER BY day DESC, measured_at DESC LIMIT 1""")
			.params(workspaceId, mailboxId)
			.query((rs, i) -> measure(rs))
			.optional();
	}

	/** The latest score kept on the mailbox's warmup row. */
	public Optional<Integer> score(UUID mailboxId) {
		return jdbc.sql("SELECT health_score FROM warmup_mailboxes WHERE mailbox_id = ? AND health_score IS NOT NULL")
			.param(mailboxId)
			.query(Integer.class)
			.optional();
	}

	private static Measure measure(ResultSet rs) throws SQLException {
		String missing = rs.getString("dns_missing");
		HealthScore parts = new HealthScore(rs.getInt("inbox"), rs.getInt("spam"), rs.getInt("other"),
				rs.getInt("missing"), rs.getDouble("bounce_rate"), rs.getDouble("complaint_rate"),
				!missing.contains("SPF"), !missing.contains("DKIM"), !missing.contains("DMARC"));
		return new Measure(rs.getDate("day").toLocalDate(), rs.getInt("score"), parts,
				rs.getTimestamp("measured_at").toInstant());
	}

}
