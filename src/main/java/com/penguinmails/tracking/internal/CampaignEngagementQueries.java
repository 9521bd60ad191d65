package com.penguinmails.tracking.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.tracking.CampaignEngagement.Bucket;
import com.penguinmails.tracking.CampaignEngagement.First;
import com.penguinmails.tracking.CampaignEngagement.People;

/**
 * The SQL of {@link com.penguinmails.tracking.CampaignEngagement}: aggregates of
 * {@code tracking_events} by enrolment (index {@code tracking_events_people}), each
 * confined to one workspace and campaign.
 */
@Repository
public class CampaignEngagementQueries {

	private final JdbcClient jdbc;

	CampaignEngagementQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public People people(UUID workspaceId, UUID campaignId) {
		// One read of the events in the order of tracking_events_people (index-only once
		// vacuumed), one group per kind: the distinct counts take their input presorted
		// (PostgreSQL 16), where a DISTINCT subquery per count read the events four
		// times.
		long[] counts = new long[4];
		jdbc.sql("""
				SELECT kind, count(DISTINCT enrolment_id), count(DISTINCT enrolment_id) FILTER (WHERE NOT machine)
				FROM tracking_events WHERE workspace_id = ? AND campaign_id = ? AND enrolment_id IS NOT NULL
				GROUP BY kind""").params(workspaceId, campaignId).query(rs -> {
			int at = "click".equals(rs.getString(1)) ? 2 : 0;
			counts[at] = rs.getLong(2);
			counts[at + 1] = rs.getLong(3);
		});
		return new People(counts[0], counts[1], counts[2], counts[3]);
	}

	public List<Bucket> overTime(UUID workspaceId, UUID campaignId, Duration bucket) {
		return jdbc
			.sql("""
					SELECT date_bin(make_interval(secs => ?::float8), occurred_at, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket,
					    count(*) FILTER (WHERE kind = 'open' AND NOT machine),
					    count(*) FILTER (WHERE kind = 'open' AND machine),
					    count(*) FILTER (WHERE kind = 'click' AND NOT machine),
					    count(*) FILTER (WHERE kind = 'click' AND machine)
					FROM tracking_events WHERE workspace_id = ? AND campaign_id = ?
					GROUP BY bucket ORDER BY bucket""")
			.params(bucket.getSeconds(), workspaceId, campaignId)
			.query((rs, i) -> new Bucket(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getLong(3), rs.getLong(4),
					rs.getLong(5)))
			.list();
	}

	public List<First> first(UUID workspaceId, UUID campaignId, boolean click, boolean human, Instant afterAt,
			UUID afterEnrolment, int limit) {
		// Walks the events in time order from the key (index tracking_events_first) and
		// keeps each person's first: no earlier one of theirs (tracking_events_people).
		return jdbc.sql("""
				SELECT e.enrolment_id, e.outbox_id, e.occurred_at,
				    CASE WHEN e.kind = 'click' THEN e.url ELSE e.client END AS detail, e.machine
				FROM tracking_events e
				WHERE e.workspace_id = ? AND e.campaign_id = ? AND e.kind = ? AND e.enrolment_id IS NOT NULL
				    AND (NOT e.machine OR NOT ?) AND (e.occurred_at, e.enrolment_id) > (?, ?)
				    AND NOT EXISTS (SELECT 1 FROM tracking_events p
				        WHERE p.workspace_id = e.workspace_id AND p.campaign_id = e.campaign_id AND p.kind = e.kind
				            AND p.enrolment_id = e.enrolment_id AND p.occurred_at <= e.occurred_at
				            AND (p.occurred_at, p.id) < (e.occurred_at, e.id) AND (NOT p.machine OR NOT ?))
				ORDER BY e.occurred_at, e.enrolment_id LIMIT ?""")
			.params(workspaceId, campaignId, click ? "click" : "open", human,
					Timestamp.from(afterAt == null ? Instant.EPOCH : afterAt),
					afterEnrolment == null ? new UUID(0, 0) : afterEnrolment, human, limit)
			.query((rs, i) -> new First(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getBoolean(5)))
			.list();
	}

}
