package com.penguinmails.analytics.internal.reports;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.analytics.ReportFormat;
import com.penguinmails.analytics.ReportView;
import com.penguinmails.shared.StoredValue;

/**
 * The SQL of {@code analytics_report_schedules} and {@code analytics_report_runs}. Every
 * query a user's request makes takes the workspace id first.
 */
@Repository
class ReportScheduleRepository {

	private static final String COLUMNS = "id, name, view, period, campaign_ids, format, cadence, day_of_week, "
			+ "day_of_month, local_time, recipients, created_by, created_at, paused, next_run_at, workspace_id";

	private static final String RUN_COLUMNS = "id, schedule_id, period_from, period_to, ran_at, trigger, status, "
			+ "recipients, skipped, file_name, size_bytes, delivery, expires_at, error";

	/** A schedule with its workspace, as the runner claims it. */
	record Claimed(UUID workspaceId, ReportSchedule schedule) {
	}

	/** A kept file, for its download link. */
	record KeptFile(String fileName, String mediaType, byte[] content) {
	}

	private final JdbcClient jdbc;

	ReportScheduleRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID workspaceId, ReportSchedule s) {
		jdbc.sql("INSERT INTO analytics_report_schedules (id, workspace_id, name, view, period, campaign_ids, format, "
				+ "cadence, day_of_week, day_of_month, local_time, recipients, created_by, created_at, paused, next_run_at) "
				+ "VALUES (?, ?, ?, ?, ?, CAST(? AS uuid[]), ?, ?, ?, ?, CAST(? AS time), CAST(? AS uuid[]), ?, ?, ?, ?)")
			.params(s.id(), workspaceId, s.name(), s.view().value(), s.period().value(), array(s.campaignIds()),
					s.format().value(), s.cadence().value(), s.dayOfWeek(), s.dayOfMonth(), s.time(),
					array(s.recipients()), s.createdBy(), Timestamp.from(s.createdAt()), s.paused(),
					Timestamp.from(s.nextRunAt()))
			.update();
	}

	boolean update(UUID workspaceId, ReportSchedule s) {
		return jdbc
			.sql("UPDATE analytics_report_schedules SET name = ?, view = ?, period = ?, "
					+ "campaign_ids = CAST(? AS uuid[]), format = ?, cadence = ?, day_of_week = ?, day_of_month = ?, "
					+ "local_time = CAST(? AS time), recipients = CAST(? AS uuid[]), paused = ?, next_run_at = ? "
					+ "WHERE workspace_id = ? AND id = ?")
			.params(s.name(), s.view().value(), s.period().value(), array(s.campaignIds()), s.format().value(),
					s.cadence().value(), s.dayOfWeek(), s.dayOfMonth(), s.time(), array(s.recipients()), s.paused(),
					Timestamp.from(s.nextRunAt()), workspaceId, s.id())
			.update() == 1;
	}

	boolean delete(UUID workspaceId, UUID id) {
		return jdbc.sql("DELETE FROM analytics_report_schedules WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.update() == 1;
	}

	List<ReportSchedule> list(UUID workspaceId) {
		return jdbc
			.sql("SELECT " + COLUMNS + " FROM analytics_report_schedules WHERE workspace_id = ? "
					+ "ORDER BY created_at, id")
			.param(workspaceId)
			.query((rs, i) -> schedule(rs))
			.list();
	}

	Optional<ReportSchedule> find(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM analytics_report_schedules WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.query((rs, i) -> schedule(rs))
			.optional();
	}

	/**
	 * Claims up to {@code limit} due schedules and moves each one's next run on with
	 * {@code next} (given the schedule and its workspace, it answers the next run). Call
	 * inside a transaction: the rows stay locked ({@code FOR UPDATE SKIP LOCKED}) until
	 * it commits, so a concurrent claim on another node skips them and, once committed,
	 * no longer finds them due.
	 * @return the claimed schedules as they were (their {@code nextRunAt} the run's
	 * scheduled instant)
	 */
	List<Claimed> claimDue(Instant now, int limit, Function<Claimed, Instant> next) {
		List<Claimed> due = jdbc
			.sql("SELECT " + COLUMNS + " FROM analytics_report_schedules WHERE NOT paused AND next_run_at <= ? "
					+ "ORDER BY next_run_at LIMIT ? FOR UPDATE SKIP LOCKED")
			.params(Timestamp.from(now), limit)
			.query((rs, i) -> new Claimed(rs.getObject("workspace_id", UUID.class), schedule(rs)))
			.list();
		for (Claimed claimed : due) {
			jdbc.sql("UPDATE analytics_report_schedules SET next_run_at = ? WHERE id = ?")
				.params(Timestamp.from(next.apply(claimed)), claimed.schedule().id())
				.update();
		}
		return due;
	}

	void insertRun(UUID workspaceId, ReportRun run, String mediaType, byte[] keptContent) {
		jdbc.sql("INSERT INTO analytics_report_runs (id, schedule_id, workspace_id, period_from, period_to, ran_at, "
				+ "trigger, status, recipients, skipped, file_name, size_bytes, delivery, media_type, content, "
				+ "expires_at, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(run.id(), run.scheduleId(), workspaceId, run.from(), run.to(), Timestamp.from(run.ranAt()),
					run.trigger(), run.status(), run.recipients(), run.skipped(), run.fileName(), run.sizeBytes(),
					run.delivery(), mediaType, keptContent,
					run.expiresAt() == null ? null : Timestamp.from(run.expiresAt()), clip(run.error(), 2000))
			.update();
	}

	void markFailed(UUID runId, int recipients, String error) {
		jdbc.sql("UPDATE analytics_report_runs SET status = 'failed', recipients = ?, error = ? WHERE id = ?")
			.params(recipients, clip(error, 2000), runId)
			.update();
	}

	List<ReportRun> runs(UUID workspaceId, UUID scheduleId, int limit) {
		return jdbc
			.sql("SELECT " + RUN_COLUMNS + " FROM analytics_report_runs WHERE workspace_id = ? AND schedule_id = ? "
					+ "ORDER BY ran_at DESC, id LIMIT ?")
			.params(workspaceId, scheduleId, limit)
			.query((rs, i) -> run(rs))
			.list();
	}

	Optional<ReportRun> run(UUID workspaceId, UUID runId) {
		return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM analytics_report_runs WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, runId)
			.query((rs, i) -> run(rs))
			.optional();
	}

	/** A run's kept file while its link is valid at {@code now}. */
	Optional<KeptFile> keptFile(UUID runId, Instant now) {
		return jdbc
			.sql("SELECT file_name, media_type, content FROM analytics_report_runs "
					+ "WHERE id = ? AND content IS NOT NULL AND expires_at > ?")
			.params(runId, Timestamp.from(now))
			.query((rs, i) -> new KeptFile(rs.getString(1), rs.getString(2), rs.getBytes(3)))
			.optional();
	}

	/** Drops the kept files of links expired at {@code now}; the history rows stay. */
	int dropExpiredFiles(Instant now) {
		return jdbc.sql("UPDATE analytics_report_runs SET content = NULL WHERE content IS NOT NULL AND expires_at <= ?")
			.param(Timestamp.from(now))
			.update();
	}

	private static String clip(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

	/** A PostgreSQL array literal of ids, e.g. {@code {a,b}} (UUIDs need no quoting). */
	private static String array(Collection<UUID> ids) {
		return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
	}

	private static List<UUID> ids(Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		List<UUID> ids = new ArrayList<>();
		Arrays.stream((Object[]) array.getArray()).forEach(o -> ids.add((UUID) o));
		return ids;
	}

	private static Integer integer(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	private static ReportSchedule schedule(ResultSet rs) throws SQLException {
		LocalTime time = rs.getObject("local_time", LocalTime.class);
		return new ReportSchedule(rs.getObject("id", UUID.class), rs.getString("name"),
				ReportView.of(rs.getString("view")).orElseThrow(),
				StoredValue.of(ReportPeriod.class, rs.getString("period")), ids(rs.getArray("campaign_ids")),
				ReportFormat.of(rs.getString("format")).orElseThrow(),
				StoredValue.of(ReportCadence.class, rs.getString("cadence")), integer(rs, "day_of_week"),
				integer(rs, "day_of_month"), String.format("%02d:%02d", time.getHour(), time.getMinute()),
				ids(rs.getArray("recipients")), rs.getObject("created_by", UUID.class),
				rs.getTimestamp("created_at").toInstant(), rs.getBoolean("paused"),
				rs.getTimestamp("next_run_at").toInstant());
	}

	private static ReportRun run(ResultSet rs) throws SQLException {
		Timestamp expires = rs.getTimestamp("expires_at");
		long size = rs.getLong("size_bytes");
		Long sizeBytes = rs.wasNull() ? null : size;
		return new ReportRun(rs.getObject("id", UUID.class), rs.getObject("schedule_id", UUID.class),
				rs.getObject("period_from", java.time.LocalDate.class),
				rs.getObject("period_to", java.time.LocalDate.class), rs.getTimestamp("ran_at").toInstant(),
				rs.getString("trigger"), rs.getString("status"), rs.getInt("recipients"), rs.getString("skipped"),
				rs.getString("file_name"), sizeBytes, rs.getString("delivery"),
				expires == null ? null : expires.toInstant(), rs.getString("error"));
	}

}
