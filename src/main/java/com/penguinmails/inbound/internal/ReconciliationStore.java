package com.penguinmails.inbound.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of {@code provider_reconciliations}: one row per provider account of a
 * workspace, claimed under a lease so that one node reads an account at a time.
 */
@Repository
public class ReconciliationStore {

	/**
	 * An account's reconciliation as the page shows it.
	 *
	 * @param readUntil events up to this instant have been read, or null (never)
	 * @param lastRunAt the last read that worked, or null
	 * @param lastError why the latest read failed, or null when it worked
	 * @param failedAt when it failed, or null
	 * @param eventsRead events the last read that worked returned
	 * @param missed of them, those the webhooks had not delivered
	 * @param missedTotal all missed events found so far
	 */
	public record Row(String accountKey, String provider, String label, Instant readUntil, Instant lastRunAt,
			Instant nextRunAt, String lastError, Instant failedAt, int eventsRead, int missed, long missedTotal) {
	}

	private final JdbcClient jdbc;

	ReconciliationStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds the account (due now) unless it is known; keeps its label current. */
	public void known(UUID workspaceId, String key, String provider, String label, Instant now) {
		jdbc.sql("""
				INSERT INTO provider_reconciliations (workspace_id, account_key, provider, label, next_run_at)
				VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (workspace_id, account_key) DO UPDATE SET label = excluded.label
				WHERE provider_reconciliations.label <> excluded.label""")
			.params(workspaceId, key, provider, cut(label, 400), Timestamp.from(now))
			.update();
	}

	/**
	 * Claims the account until {@code leaseUntil} when it is due by {@code now} (or
	 * {@code force}) and no live lease holds it.
	 * @return how far it has been read (empty optional inside: never), or empty when not
	 * claimed
	 */
	public Optional<Optional<Instant>> claim(UUID workspaceId, String key, Instant now, Instant leaseUntil,
			boolean force) {
		return jdbc.sql("""
				UPDATE provider_reconciliations SET leased_until = ?
				WHERE workspace_id = ? AND account_key = ? AND (? OR next_run_at <= ?)
				  AND (leased_until IS NULL OR leased_until < ?)
				RETURNING read_until""")
			.params(Timestamp.from(leaseUntil), workspaceId, key, force, Timestamp.from(now), Timestamp.from(now))
			.query((rs, i) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
			.optional();
	}

	/** Records a read that worked and releases the lease. */
	public void read(UUID workspaceId, String key, Instant readUntil, Instant now, Instant next, int events,
			int missed) {
		jdbc.sql(
				"""
						UPDATE provider_reconciliations SET read_until = ?, last_run_at = ?, next_run_at = ?, leased_until = NULL,
						    last_error = NULL, failed_at = NULL, events_read = ?, missed = ?, missed_total = missed_total + ?
						WHERE workspace_id = ? AND account_key = ?""")
			.params(Timestamp.from(readUntil), Timestamp.from(now), Timestamp.from(next), events, missed, missed,
					workspaceId, key)
			.update();
	}

	/**
	 * Records a read that failed (the position and the last read that worked stay) and
	 * releases the lease.
	 */
	public void failed(UUID workspaceId, String key, String error, Instant now, Instant next) {
		jdbc.sql("""
				UPDATE provider_reconciliations SET failed_at = ?, next_run_at = ?, leased_until = NULL, last_error = ?
				WHERE workspace_id = ? AND account_key = ?""")
			.params(Timestamp.from(now), Timestamp.from(next), cut(error, 1000), workspaceId, key)
			.update();
	}

	/** The workspace's accounts among {@code keys}, by label. */
	public List<Row> rows(UUID workspaceId, List<String> keys) {
		if (keys.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				SELECT account_key, provider, label, read_until, last_run_at, next_run_at, last_error, failed_at,
				    events_read, missed, missed_total
				FROM provider_reconciliations WHERE workspace_id = ? AND account_key = ANY (?) ORDER BY label""")
			.params(workspaceId, keys.toArray(String[]::new))
			.query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4)),
					instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), rs.getString(7),
					instant(rs.getTimestamp(8)), rs.getInt(9), rs.getInt(10), rs.getLong(11)))
			.list();
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static String cut(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max);
	}

}
