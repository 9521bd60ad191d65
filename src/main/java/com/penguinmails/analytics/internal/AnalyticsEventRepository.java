package com.penguinmails.analytics.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.shared.StoredValue;

/**
 * The {@code analytics_events} table: one row per counted event of a campaign message
 * (kinds {@code replied}, {@code auto_replied}, {@code bounced_hard|soft|block|other},
 * {@code unsubscribed}, {@code complained}). Every query takes the workspace id first.
 */
@Repository
public class AnalyticsEventRepository {

	/** How many messages of one step and variant had an event of {@code kind}. */
	public record KindCount(int step, int variant, EventKind kind, long messages) {
	}

	/** The events of one day (UTC midnight) of a campaign. */
	public record DayCounts(Instant day, long replied, long bounced, long unsubscribed, long complained) {
	}

	private final JdbcClient jdbc;

	AnalyticsEventRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Keeps one event; a second one with the same {@code sourceId} (a redelivered event)
	 * is ignored.
	 */
	void insert(String sourceId, UUID workspaceId, UUID campaignId, int step, int variant, UUID outboxId,
			UUID enrolmentId, EventKind kind, String detail, Instant at) {
		jdbc.sql("""
				INSERT INTO analytics_events (source_id, workspace_id, campaign_id, step, variant, outbox_id,
				    enrolment_id, kind, detail, occurred_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_id) DO NOTHING""")
			.params(sourceId, workspaceId, campaignId, step, variant, outboxId, enrolmentId, kind.value(),
					detail == null || detail.length() <= 200 ? detail : detail.substring(0, 200), Timestamp.from(at))
			.update();
	}

	/** Per step, variant and kind: the messages (unique) with such an event. */
	public List<KindCount> countsByKind(UUID workspaceId, UUID campaignId) {
		return jdbc.sql("""
				SELECT step, variant, kind, count(DISTINCT coalesce(outbox_id::text, source_id)) AS messages
				FROM analytics_events
				WHERE workspace_id = ? AND campaign_id = ? GROUP BY step, variant, kind""")
			.params(workspaceId, campaignId)
			.query((rs, i) -> new KindCount(rs.getInt("step"), rs.getInt("variant"),
					StoredValue.of(EventKind.class, rs.getString("kind")), rs.getLong("messages")))
			.list();
	}

	/**
	 * Per day (UTC) with any event: the replies, bounces, unsubscribes and complaints.
	 */
	public List<DayCounts> perDay(UUID workspaceId, UUID campaignId) {
		return jdbc.sql("""
				SELECT date_trunc('day', occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day,
				    count(*) FILTER (WHERE kind = 'replied') AS replied,
				    count(*) FILTER (WHERE kind LIKE 'bounced%') AS bounced,
				    count(*) FILTER (WHERE kind = 'unsubscribed') AS unsubscribed,
				    count(*) FILTER (WHERE kind = 'complained') AS complained
				FROM analytics_events WHERE workspace_id = ? AND campaign_id = ? GROUP BY 1""")
			.params(workspaceId, campaignId)
			.query((rs, i) -> new DayCounts(rs.getTimestamp("day").toInstant(), rs.getLong("replied"),
					rs.getLong("bounced"), rs.getLong("unsubscribed"), rs.getLong("complained")))
			.list();
	}

}
