package com.penguinmails.delivery.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.delivery.CampaignReach;
import com.penguinmails.delivery.CampaignReach.Addressee;
import com.penguinmails.delivery.CampaignReach.People;
import com.penguinmails.delivery.CampaignReach.Reached;

/**
 * The SQL of {@link com.penguinmails.delivery.CampaignReach}: aggregates of a campaign's
 * outbox rows by recipient (index {@code outbox_campaign_people}), each confined to one
 * workspace.
 */
@Repository
public class CampaignReachQueries {

	/**
	 * Failed messages a receiving server refused (not those held back before sending).
	 */
	private static final String REFUSED = "status = 'failed' AND failure IS NOT NULL "
			+ "AND failure NOT IN ('suppressed', 'mailbox_removed')";

	private final JdbcClient jdbc;

	CampaignReachQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public People people(UUID workspaceId, UUID campaignId) {
		return jdbc
			.sql("""
					SELECT count(DISTINCT enrolment_id) FILTER (WHERE status = 'sent' OR (%1$s)),
					    count(DISTINCT enrolment_id) FILTER (WHERE %1$s)
					FROM outbox WHERE workspace_id = ? AND campaign_id = ? AND status IN ('sent', 'failed')"""
				.formatted(REFUSED))
			.params(workspaceId, campaignId)
			.query((rs, i) -> new People(rs.getLong(1), rs.getLong(2)))
			.single();
	}

	public Map<Instant, Long> sentPer(UUID workspaceId, UUID campaignId, Duration bucket) {
		Map<Instant, Long> sent = new TreeMap<>();
		jdbc.sql("""
				SELECT date_bin(make_interval(secs => ?::float8), sent_at, TIMESTAMPTZ '1970-01-01 00:00:00+00'),
				    count(*)
				FROM outbox WHERE workspace_id = ? AND campaign_id = ? AND status = 'sent' GROUP BY 1""")
			.params(bucket.getSeconds(), workspaceId, campaignId)
			.query(rs -> {
				sent.put(rs.getTimestamp(1).toInstant(), rs.getLong(2));
			});
		return sent;
	}

	public List<Reached> reached(UUID workspaceId, UUID campaignId, CampaignReach.Reach reach, Instant afterAt,
			UUID afterEnrolment, int limit) {
		String which = switch (reach) {
			case REFUSED -> REFUSED;
			case ATTEMPTED -> "status = 'sent' OR (" + REFUSED + ")";
			// Sent, and none of the recipient's messages refused.
			case SENT ->
				"status = 'sent' AND NOT EXISTS (SELECT 1 FROM outbox r WHERE r.workspace_id = outbox.workspace_id "
						+ "AND r.campaign_id = outbox.campaign_id AND r.enrolment_id = outbox.enrolment_id AND r."
						+ REFUSED.replace(" AND ", " AND r.").replace("NOT IN", "NOT IN") + ")";
		};
		Timestamp after = Timestamp.from(afterAt == null ? Instant.EPOCH : afterAt);
		UUID afterId = afterEnrolment == null ? new UUID(0, 0) : afterEnrolment;
		return jdbc.sql("""
				SELECT enrolment_id, id, at, detail FROM (
				    SELECT DISTINCT ON (enrolment_id) enrolment_id, id, coalesce(sent_at, created_at) AS at,
				        CASE WHEN status = 'failed' THEN left(failure || coalesce(': ' || smtp_reply, ''), 200) END
				            AS detail
				    FROM outbox WHERE workspace_id = ? AND campaign_id = ? AND status IN ('sent', 'failed')
				        AND enrolment_id IS NOT NULL AND (%s)
				    ORDER BY enrolment_id, coalesce(sent_at, created_at)) first
				WHERE (at, enrolment_id) > (?, ?) ORDER BY at, enrolment_id LIMIT ?""".formatted(which))
			.params(workspaceId, campaignId, after, afterId, limit)
			.query((rs, i) -> new Reached(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getTimestamp(3).toInstant(), rs.getString(4)))
			.list();
	}

	public Map<UUID, Addressee> addressees(UUID workspaceId, Collection<UUID> outboxIds) {
		Map<UUID, Addressee> found = new HashMap<>();
		if (outboxIds.isEmpty()) {
			return found;
		}
		jdbc.sql("""
				SELECT id, contact_id, to_address, to_name, step, variant FROM outbox
				WHERE workspace_id = ? AND id = ANY (?::uuid[])""")
			.params(workspaceId, outboxIds.toArray(UUID[]::new))
			.query(rs -> {
				UUID id = rs.getObject(1, UUID.class);
				found.put(id, new Addressee(id, rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
						rs.getInt(5), rs.getInt(6)));
			});
		return found;
	}

	public Map<UUID, Addressee> addresseesOf(UUID workspaceId, UUID campaignId, Collection<UUID> enrolmentIds) {
		Map<UUID, Addressee> found = new HashMap<>();
		if (enrolmentIds.isEmpty()) {
			return found;
		}
		jdbc.sql("""
				SELECT DISTINCT ON (enrolment_id) enrolment_id, id, contact_id, to_address, to_name, step, variant
				FROM outbox WHERE workspace_id = ? AND campaign_id = ? AND enrolment_id = ANY (?::uuid[])
				ORDER BY enrolment_id, created_at DESC""")
			.params(workspaceId, campaignId, enrolmentIds.toArray(UUID[]::new))
			.query(rs -> {
				found.put(rs.getObject(1, UUID.class), new Addressee(rs.getObject(2, UUID.class),
						rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getInt(7)));
			});
		return found;
	}

}
