package com.penguinmails.tracking.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.tracking.TrackingStats.Breakdown;
import com.penguinmails.tracking.TrackingStats.Counts;

/**
 * The SQL of {@link com.penguinmails.tracking.TrackingStats}: aggregates of
 * {@code tracking_events}, each confined to one workspace and campaign.
 */
@Repository
public class TrackingStatsQueries {

	private static final int TOP_DEVICES = 20;

	private final JdbcClient jdbc;

	TrackingStatsQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Per step and variant, in that order; only those with an event. */
	public List<Counts> counts(UUID workspaceId, UUID campaignId) {
		// One read of tracking_events_messages in its order (index-only once vacuumed):
		// the
		// unique counts are distinct messages, their input presorted (PostgreSQL 16),
		// where
		// a group per message first cost half again as much.
		return jdbc.sql("""
				SELECT step, variant, count(*) FILTER (WHERE kind = 'open'),
				    count(*) FILTER (WHERE kind = 'open' AND NOT machine),
				    count(DISTINCT outbox_id) FILTER (WHERE kind = 'open'),
				    count(DISTINCT outbox_id) FILTER (WHERE kind = 'open' AND NOT machine),
				    count(*) FILTER (WHERE kind = 'click'), count(*) FILTER (WHERE kind = 'click' AND NOT machine),
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

}
