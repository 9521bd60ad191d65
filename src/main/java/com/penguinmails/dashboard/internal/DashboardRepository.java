package com.penguinmails.dashboard.internal;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the home page's read model: {@code dashboard_daily} (figures per workspace
 * and UTC day), {@code dashboard_repliers}, {@code dashboard_counted} (events already
 * counted) and {@code dashboard_workspaces} (the checklist's dismissal). Every query
 * takes the workspace id first.
 */
@Repository
public class DashboardRepository {

	/** The figures of a period (or of one day), summed from the daily rows. */
	public record Totals(long sent, long failed, long replied, long positive, long bounced, long complained,
			long unsubscribed) {
	}

	/** One UTC day's sends and replies, for the chart. */
	public record Day(LocalDate day, long sent, long replied) {
	}

	private final JdbcClient jdbc;

	DashboardRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Adds {@code amount} to one figure of a day, unless {@code sourceId} was counted
	 * already (then nothing changes).
	 * @return whether it counted
	 */
	public boolean add(String sourceId, UUID workspaceId, LocalDate day, Figure figure, long amount) {
		// The column comes from the enum, never from input.
		String column = figure.value();
		return jdbc
			.sql("""
					WITH fresh AS (INSERT INTO dashboard_counted (source_id) VALUES (?) ON CONFLICT DO NOTHING RETURNING 1)
					INSERT INTO dashboard_daily (workspace_id, day, %1$s) SELECT ?, ?, ? FROM fresh
					ON CONFLICT (workspace_id, day) DO UPDATE SET %1$s = dashboard_daily.%1$s + EXCLUDED.%1$s"""
				.formatted(column))
			.params(sourceId, workspaceId, Date.valueOf(day), amount)
			.update() > 0;
	}

	/**
	 * Counts a conversation labelled positive on {@code day}, once while it stays
	 * positive (labelled again, or the event handed again, it changes nothing).
	 */
	public void positive(UUID workspaceId, UUID threadId, LocalDate day) {
		jdbc.sql("""
				WITH fresh AS (INSERT INTO dashboard_positive (thread_id, workspace_id, day) VALUES (?, ?, ?)
				    ON CONFLICT DO NOTHING RETURNING workspace_id, day)
				INSERT INTO dashboard_daily (workspace_id, day, positive) SELECT workspace_id, day, 1 FROM fresh
				ON CONFLICT (workspace_id, day) DO UPDATE SET positive = dashboard_daily.positive + 1""")
			.params(threadId, workspaceId, Date.valueOf(day))
			.update();
	}

	/**
	 * Takes a conversation whose positive label was cleared (or changed) back from the
	 * day it was counted on; nothing when it was not counted.
	 */
	public void notPositive(UUID workspaceId, UUID threadId) {
		jdbc.sql("""
				WITH gone AS (DELETE FROM dashboard_positive WHERE thread_id = ? AND workspace_id = ?
				    RETURNING workspace_id, day)
				UPDATE dashboard_daily d SET positive = greatest(0, d.positive - 1) FROM gone
				WHERE d.workspace_id = gone.workspace_id AND d.day = gone.day""")
			.params(threadId, workspaceId)
			.update();
	}

	/** Notes that {@code person} (a contact id or an address) replied on {@code day}. */
	public void replier(UUID workspaceId, LocalDate day, String person) {
		jdbc.sql("INSERT INTO dashboard_repliers (workspace_id, day, person) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
			.params(workspaceId, Date.valueOf(day), person)
			.update();
	}

	/** The figures of the days {@code from} to {@code to}, both included. */
	public Totals totals(UUID workspaceId, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				SELECT coalesce(sum(sent), 0) AS sent, coalesce(sum(failed), 0) AS failed,
				    coalesce(sum(replied), 0) AS replied, coalesce(sum(positive), 0) AS positive,
				    coalesce(sum(bounced), 0) AS bounced, coalesce(sum(complained), 0) AS complained,
				    coalesce(sum(unsubscribed), 0) AS unsubscribed
				FROM dashboard_daily WHERE workspace_id = ? AND day BETWEEN ? AND ?""")
			.params(workspaceId, Date.valueOf(from), Date.valueOf(to))
			.query((rs, i) -> new Totals(rs.getLong("sent"), rs.getLong("failed"), rs.getLong("replied"),
					rs.getLong("positive"), rs.getLong("bounced"), rs.getLong("complained"),
					rs.getLong("unsubscribed")))
			.single();
	}

	/** The people who replied in the days {@code from} to {@code to}, each once. */
	public long repliers(UUID workspaceId, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				SELECT count(DISTINCT person) FROM dashboard_repliers
				WHERE workspace_id = ? AND day BETWEEN ? AND ?""")
			.params(workspaceId, Date.valueOf(from), Date.valueOf(to))
			.query(Long.class)
			.single();
	}

	/** Whether anyone ever replied in the workspace. */
	public boolean anyReply(UUID workspaceId) {
		return jdbc.sql("SELECT EXISTS (SELECT 1 FROM dashboard_repliers WHERE workspace_id = ?)")
			.param(workspaceId)
			.query(Boolean.class)
			.single();
	}

	/** The days with sends or replies from {@code from} to {@code to}, oldest first. */
	public List<Day> days(UUID workspaceId, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				SELECT day, sent, replied FROM dashboard_daily
				WHERE workspace_id = ? AND day BETWEEN ? AND ? ORDER BY day""")
			.params(workspaceId, Date.valueOf(from), Date.valueOf(to))
			.query((rs, i) -> new Day(rs.getDate("day").toLocalDate(), rs.getLong("sent"), rs.getLong("replied")))
			.list();
	}

	/** Whether the workspace dismissed its setup checklist. */
	public boolean checklistDismissed(UUID workspaceId) {
		return jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM dashboard_workspaces
				    WHERE workspace_id = ? AND checklist_dismissed_at IS NOT NULL)""")
			.param(workspaceId)
			.query(Boolean.class)
			.single();
	}

	/** Dismisses ({@code true}) or brings back the workspace's setup checklist. */
	public void dismissChecklist(UUID workspaceId, boolean dismissed) {
		jdbc.sql("""
				INSERT INTO dashboard_workspaces (workspace_id, checklist_dismissed_at)
				VALUES (?, CASE WHEN ? THEN now() END)
				ON CONFLICT (workspace_id) DO UPDATE SET checklist_dismissed_at = EXCLUDED.checklist_dismissed_at""")
			.params(workspaceId, dismissed)
			.update();
	}

	/** Keeps the id of something the sandbox demo created ({@code mailbox}, ...). */
	public void demo(UUID workspaceId, DemoKind kind, UUID id) {
		jdbc.sql("INSERT INTO dashboard_demo (workspace_id, kind, id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
			.params(workspaceId, kind.value(), id)
			.update();
	}

	/** The ids of what the sandbox demo created, of one kind. */
	public List<UUID> demo(UUID workspaceId, DemoKind kind) {
		return jdbc.sql("SELECT id FROM dashboard_demo WHERE workspace_id = ? AND kind = ? ORDER BY created_at")
			.params(workspaceId, kind.value())
			.query(UUID.class)
			.list();
	}

	/** Forgets what the sandbox demo created (once removed). */
	public void forgetDemo(UUID workspaceId) {
		jdbc.sql("DELETE FROM dashboard_demo WHERE workspace_id = ?").param(workspaceId).update();
	}

}
