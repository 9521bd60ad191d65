package com.penguinmails.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A campaign's opens and clicks as figures, for analytics: people's and machines' apart,
 * per step and variant, per device, over time. Callers check the caller's access; every
 * query is confined to the given workspace.
 */
@Service
public class TrackingStats {

	/**
	 * One step and variant's opens and clicks: every event ({@code total}), people's
	 * ({@code human}), and messages with at least one ({@code unique}).
	 */
	public record Counts(int step, int variant, long opensTotal, long opensHuman, long uniqueOpens,
			long uniqueHumanOpens, long clicksTotal, long clicksHuman, long uniqueClicks, long uniqueHumanClicks) {
	}

	/**
	 * People's opens and clicks from one kind of device, client and operating system
	 * ({@code Unknown} where the User-Agent was not analysed).
	 */
	public record Breakdown(String deviceClass, String client, String os, long opens, long clicks) {
	}

	/** Opens and clicks from {@code start} to the next bucket's start. */
	public record Bucket(Instant start, long humanOpens, long machineOpens, long humanClicks) {
	}

	private static final int TOP_DEVICES = 20;

	private final JdbcClient jdbc;

	TrackingStats(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Per step and variant, in that order; only those with an event. */
	public List<Counts> counts(UUID workspaceId, UUID campaignId) {
		return jdbc.sql("""
				SELECT step, variant,
				    count(*) FILTER (WHERE kind = 'open'),
				    count(*) FILTER (WHERE kind = 'open' AND NOT machine),
				    count(DISTINCT outbox_id) FILTER (WHERE kind = 'open'),
				    count(DISTINCT outbox_id) FILTER (WHERE kind = 'open' AND NOT machine),
				    count(*) FILTER (WHERE kind = 'click'),
				    count(*) FILTER (WHERE kind = 'click' AND NOT machine),
				    count(DISTINCT outbox_id) FILTER (WHERE kind = 'click'),
				    count(DISTINCT outbox_id) FILTER (WHERE kind = 'click' AND NOT machine)
				FROM tracking_events WHERE workspace_id = ? AND campaign_id = ?
				GROUP BY step, variant ORDER BY step, variant""")
			.params(workspaceId, campaignId)
			.query((rs, i) -> new Counts(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
					rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10)))
			.list();
	}

	/** People's opens and clicks by device, client and system: the 20 most frequent. */
	public List<Breakdown> devices(UUID workspaceId, UUID campaignId) {
		return jdbc.sql("""
				SELECT coalesce(device_class, 'Unknown'), coalesce(client, 'Unknown'), coalesce(os, 'Unknown'),
				    count(*) FILTER (WHERE kind = 'open'), count(*) FILTER (WHERE kind = 'click')
				FROM tracking_events WHERE workspace_id = ? AND campaign_id = ? AND NOT machine
				GROUP BY 1, 2, 3 ORDER BY count(*) DESC, 1, 2, 3 LIMIT ?""")
			.params(workspaceId, campaignId, TOP_DEVICES)
			.query((rs, i) -> new Breakdown(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
					rs.getLong(5)))
			.list();
	}

	/**
	 * Opens and clicks per bucket of time, oldest first; buckets are aligned on the Unix
	 * epoch (so a day's bucket starts at midnight UTC), and those with no event are left
	 * out.
	 * @param bucket whole seconds, at least one
	 */
	public List<Bucket> overTime(UUID workspaceId, UUID campaignId, Duration bucket) {
		if (bucket.getSeconds() < 1 || bucket.getNano() != 0) {
			throw new IllegalArgumentException("A bucket is a whole number of seconds, at least one");
		}
		// date_bin (PostgreSQL 14+) takes intervals of fixed length, as a Duration is.
		return jdbc
			.sql("""
					SELECT date_bin(make_interval(secs => ?::float8), occurred_at, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket,
					    count(*) FILTER (WHERE kind = 'open' AND NOT machine),
					    count(*) FILTER (WHERE kind = 'open' AND machine),
					    count(*) FILTER (WHERE kind = 'click' AND NOT machine)
					FROM tracking_events WHERE workspace_id = ? AND campaign_id = ?
					GROUP BY bucket ORDER BY bucket""")
			.params(bucket.getSeconds(), workspaceId, campaignId)
			.query((rs, i) -> new Bucket(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.list();
	}

}
