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
		return jdbc.sql("""
				SELECT count(DISTINCT enrolment_id) FILTER (WHERE kind = 'open'),
				    count(DISTINCT enrolment_id) FILTER (WHERE kind = 'open' AND NOT machine),
				    count(DISTINCT enrolment_id) FILTER (WHERE kind = 'click'),
				    count(DISTINCT enrolment_id) FILTER (WHERE kind = 'click' AND NOT machine)
				FROM tracking_events WHERE workspace_id = ? AND campaign_id = ?""")
			.params(workspaceId, campaignId)
			.query((rs, i) -> new People(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.single();
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
		return jdbc.sql("""
				SELECT enrolment_id, outbox_id, occurred_at, detail, machine FROM (
				    SELECT DISTINCT ON (enrolment_id) enrolment_id, outbox_id, occurred_at, machine,
				        CASE WHEN kind = 'click' THEN url ELSE client END AS detail
				    FROM tracking_events
				    WHERE workspace_id = ? AND campaign_id = ? AND kind = ? AND enrolment_id IS NOT NULL
				        AND (NOT machine OR NOT ?)
				    ORDER BY enrolment_id, occurred_at) first
				WHERE (occurred_at, enrolment_id) > (?, ?) ORDER BY occurred_at, enrolment_id LIMIT ?""")
			.params(workspaceId, campaignId, click ? "click" : "open", human,
					Timestamp.from(afterAt == null ? Instant.EPOCH : afterAt),
					afterEnrolment == null ? new UUID(0, 0) : afterEnrolment, limit)
			.query((rs, i) -> new First(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getBoolean(5)))
			.list();
	}

}
