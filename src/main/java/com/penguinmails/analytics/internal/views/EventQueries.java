package com.penguinmails.analytics.internal.views;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.penguinmails.analytics.AnalyticsFilter;

/**
 * Per-recipient events of the workspace, newest first, by keyset ({@code occurred_at},
 * key) so that every page costs the same: raw rows (a list, not a figure).
 */
@Component
public class EventQueries {

	/** One event: the key orders ties; the rest describe it. */
	public record Hit(String key, Instant at, UUID campaignId, int step, int variant, UUID outboxId, String email,
			String detail, boolean machine) {
	}

	private final JdbcClient jdbc;

	EventQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Events of {@code kind} (sent, opened, clicked, replied, auto_replied, bounced,
	 * unsubscribed, complained) in the filter's period and campaigns, before the key
	 * ({@code beforeAt}, {@code beforeKey}) when given.
	 */
	public List<Hit> page(UUID ws, AnalyticsFilter filter, String kind, boolean human, Instant beforeAt,
			String beforeKey, int limit) {
		List<Object> params = new ArrayList<>();
		String source;
		switch (kind) {
			case "sent" ->
				source = """
						SELECT o.id::text AS k, o.sent_at AS at, o.campaign_id, o.step, o.variant, o.id AS outbox_id,
						    o.to_address AS email, CASE WHEN o.status = 'failed' THEN o.failure END AS detail, false AS machine
						FROM outbox o WHERE o.workspace_id = ? AND o.campaign_id IS NOT NULL AND o.sent_at >= ? AND o.sent_at < ?
						    AND (o.status = 'sent' OR (o.status = 'failed' AND o.failure IS NOT NULL
						        AND o.failure NOT IN ('suppressed', 'mailbox_removed')))""";
			case "opened", "clicked" ->
				source = """
						SELECT t.id::text, t.occurred_at, t.campaign_id, coalesce(t.step, 0), coalesce(t.variant, 0), t.outbox_id,
						    o.to_address, t.url, t.machine
						FROM tracking_events t JOIN outbox o ON o.id = t.outbox_id
						WHERE t.workspace_id = ? AND t.campaign_id IS NOT NULL AND t.occurred_at >= ? AND t.occurred_at < ?
						    AND t.kind = '%s'%s"""
					.formatted(kind.equals("opened") ? "open" : "click", human ? " AND NOT t.machine" : "");
			default -> source = """
					SELECT a.source_id, a.occurred_at, a.campaign_id, a.step, a.variant, a.outbox_id,
					    coalesce(o.to_address, ''), a.detail, false
					FROM analytics_events a LEFT JOIN outbox o ON o.id = a.outbox_id
					WHERE a.workspace_id = ? AND a.occurred_at >= ? AND a.occurred_at < ? AND a.kind %s"""
				.formatted(kind.equals("bounced") ? "LIKE 'bounced%'" : "= '" + kind + "'");
		}
		params.add(ws);
		params.add(Timestamp.from(filter.start()));
		params.add(Timestamp.from(filter.end()));
		StringBuilder sql = new StringBuilder("SELECT * FROM (").append(source)
			.append(") e(k, at, campaign_id, step, variant, outbox_id, email, detail, machine) WHERE true");
		if (!filter.campaignIds().isEmpty()) {
			sql.append(" AND campaign_id = ANY(?::uuid[])");
			params.add(filter.campaignIds().toArray(UUID[]::new));
		}
		if (beforeAt != null) {
			sql.append(" AND (at, k) < (?, ?)");
			params.add(Timestamp.from(beforeAt));
			params.add(beforeKey);
		}
		sql.append(" ORDER BY at DESC, k DESC LIMIT ?");
		params.add(limit);
		return jdbc.sql(sql.toString())
			.params(params)
			.query((rs, i) -> new Hit(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getObject(3, UUID.class),
					rs.getInt(4), rs.getInt(5), rs.getObject(6, UUID.class), rs.getString(7), rs.getString(8),
					rs.getBoolean(9)))
			.list();
	}

}
