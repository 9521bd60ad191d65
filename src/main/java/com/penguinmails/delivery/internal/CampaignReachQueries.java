package com.penguinmails.delivery.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.delivery.CampaignReach;
import com.penguinmails.delivery.CampaignReach.Addressee;
import com.penguinmails.delivery.CampaignReach.People;
import com.penguinmails.delivery.CampaignReach.Reached;

/**
 * The SQL of {@link com.penguinmails.delivery.CampaignReach}: aggregates of a campaign's
 * outbox rows by recipient (index {@code outbox_campaign_recipient}), each confined to
 * one workspace.
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
		// One read of the recipients in the order of outbox_campaign_recipient
		// (index-only
		// once vacuumed): both distinct counts take their input presorted (PostgreSQL
		// 16),
		// where a DISTINCT subquery per count read every row twice and hashed them.
		return jdbc.sql("""
				SELECT count(DISTINCT enrolment_id) FILTER (WHERE status = 'sent' OR (%1$s)),
				    count(DISTINCT enrolment_id) FILTER (WHERE %1$s)
				FROM outbox WHERE workspace_id = ? AND campaign_id = ? AND status IN ('sent', 'failed')
				    AND enrolment_id IS NOT NULL""".formatted(REFUSED))
			.params(workspaceId, campaignId)
			.query((rs, i) -> new People(rs.getLong(1), rs.getLong(2)))
			.single();
	}

	public List<Reached> reached(UUID workspaceId, UUID campaignId, CampaignReach.Reach reach, Instant afterAt,
			UUID afterEnrolment, int limit) {
		String which = switch (reach) {
			case REFUSED -> refused("%1$s");
			case ATTEMPTED -> "(%1$s.status = 'sent' OR (" + refused("%1$s") + "))";
			case SENT -> "%1$s.status = 'sent'";
		};
		// Sent, and none of the recipient's messages refused.
		String sentOnly = reach != CampaignReach.Reach.SENT ? "" : """
				AND NOT EXISTS (SELECT 1 FROM outbox r WHERE r.workspace_id = o.workspace_id
				    AND r.campaign_id = o.campaign_id AND r.enrolment_id = o.enrolment_id
				    AND r.status IN ('sent', 'failed') AND %s)""".formatted(refused("r"));
		Timestamp after = Timestamp.from(afterAt == null ? Instant.EPOCH : afterAt);
		UUID afterId = afterEnrolment == null ? new UUID(0, 0) : afterEnrolment;
		// Walks the messages in time order from the key (index outbox_campaign_first) and
		// keeps each recipient's first: no earlier one of theirs
		// (outbox_campaign_recipient).
		return jdbc
			.sql("""
					SELECT o.enrolment_id, o.id, coalesce(o.sent_at, o.created_at) AS at,
					    CASE WHEN o.status = 'failed' THEN left(o.failure || coalesce(': ' || o.smtp_reply, ''), 200) END
					FROM outbox o
					WHERE o.workspace_id = ? AND o.campaign_id = ? AND o.status IN ('sent', 'failed')
					    AND o.enrolment_id IS NOT NULL AND %1$s
					    AND (coalesce(o.sent_at, o.created_at), o.enrolment_id) > (?, ?)
					    AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.workspace_id = o.workspace_id
					        AND p.campaign_id = o.campaign_id AND p.enrolment_id = o.enrolment_id
					        AND p.status IN ('sent', 'failed') AND %2$s
					        AND coalesce(p.sent_at, p.created_at) <= coalesce(o.sent_at, o.created_at)
					        AND (coalesce(p.sent_at, p.created_at), p.id) < (coalesce(o.sent_at, o.created_at), o.id))
					    %3$s
					ORDER BY coalesce(o.sent_at, o.created_at), o.enrolment_id LIMIT ?"""
				.formatted(which.formatted("o"), which.formatted("p"), sentOnly))
			.params(workspaceId, campaignId, after, afterId, limit)
			.query((rs, i) -> new Reached(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getTimestamp(3).toInstant(), rs.getString(4)))
			.list();
	}

	/** Failed messages of {@code alias} a receiving server refused. */
	private static String refused(String alias) {
		return "(%1$s.status = 'failed' AND %1$s.failure IS NOT NULL AND %1$s.failure NOT IN ('suppressed', 'mailbox_removed'))"
			.formatted(alias);
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
