package com.penguinmails.analytics.internal.views;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.penguinmails.analytics.AnalyticsFilter;
import com.penguinmails.analytics.internal.views.RollupQueries.Dim;
import com.penguinmails.analytics.internal.views.RollupQueries.Slice;

/**
 * People whose conversation is labelled interested or meeting booked, by when it was
 * labelled: counted live from the inbox's threads (a label is taken back as often as it
 * is set, so it is never rolled up), few rows however large the workspace.
 */
@Component
public class InterestedQueries {

	/** The filter's dimensions on a reply joined to its message and recipient domain. */
	private static final Slice LIVE = new Slice("m.campaign_id", "o.mailbox_id", "o.step", "o.variant",
			"coalesce(d.provider, 'other')");

	private final JdbcClient jdbc;

	InterestedQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Interested people per value of {@code groupBy} (its string form; null: one entry
	 * under the empty string), within the filter's slice.
	 */
	public Map<String, Long> count(UUID workspaceId, AnalyticsFilter filter, List<UUID> mailboxIds, Dim groupBy) {
		List<Object> params = new ArrayList<>(
				List.of(workspaceId, Timestamp.from(filter.start()), Timestamp.from(filter.end())));
		StringBuilder where = new StringBuilder();
		LIVE.append(filter, mailboxIds, where, params);
		Object[] audience = RollupQueries.audience(workspaceId, filter);
		if (audience != null) {
			where.append(" AND m.contact_id IN (").append(audience[0]).append(")");
			params.addAll((List<?>) audience[1]);
		}
		String key = switch (groupBy == null ? Dim.DAY : groupBy) {
			case CAMPAIGN -> "m.campaign_id::text";
			case STEP -> "o.step::text";
			case VARIANT -> "m.campaign_id::text || ':' || o.step || ':' || o.variant";
			case PROVIDER -> "coalesce(d.provider, 'other')";
			case MAILBOX -> "o.mailbox_id::text";
			case DAY -> "''";
		};
		if (groupBy == Dim.DAY) {
			key = "((t.updated_at AT TIME ZONE '" + filter.zone().getId().replace("'", "") + "')::date)::text";
		}
		Map<String, Long> counts = new HashMap<>();
		jdbc.sql("""
				SELECT %s, count(DISTINCT m.enrolment_id) FROM inbound_messages m
				JOIN inbound_threads t ON t.id = m.thread_id AND t.workspace_id = m.workspace_id
				LEFT JOIN outbox o ON o.id = m.outbox_id
				LEFT JOIN analytics_recipient_domains d ON d.domain = o.to_domain
				WHERE m.workspace_id = ? AND m.campaign_id IS NOT NULL AND m.enrolment_id IS NOT NULL
				    AND t.label IN ('interested', 'meeting_booked') AND t.updated_at >= ? AND t.updated_at < ?%s
				GROUP BY 1""".formatted(key, where)).params(params).query(rs -> {
			counts.put(rs.getString(1) == null ? "" : rs.getString(1), rs.getLong(2));
		});
		return counts;
	}

}
