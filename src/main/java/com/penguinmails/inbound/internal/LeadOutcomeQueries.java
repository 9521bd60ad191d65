package com.penguinmails.inbound.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.inbound.LeadOutcomes.Positive;

/**
 * The SQL of {@link com.penguinmails.inbound.LeadOutcomes}: a campaign's messages (index
 * {@code inbound_messages_campaign_threads}) joined to their thread's label.
 */
@Repository
public class LeadOutcomeQueries {

	private static final String POSITIVE = "('interested', 'meeting_booked')";

	private final JdbcClient jdbc;

	LeadOutcomeQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long interested(UUID workspaceId, UUID campaignId) {
		return jdbc.sql("""
				SELECT count(DISTINCT m.enrolment_id) FROM inbound_messages m
				JOIN inbound_threads t ON t.id = m.thread_id AND t.workspace_id = m.workspace_id
				WHERE m.workspace_id = ? AND m.campaign_id = ? AND t.label IN %s""".formatted(POSITIVE))
			.params(workspaceId, campaignId)
			.query(Long.class)
			.single();
	}

	public List<Positive> positives(UUID workspaceId, UUID campaignId, Instant afterAt, UUID afterEnrolment,
			int limit) {
		return jdbc.sql("""
				SELECT enrolment_id, outbox_id, at, label FROM (
				    SELECT DISTINCT ON (m.enrolment_id) m.enrolment_id, m.outbox_id, t.updated_at AS at, t.label
				    FROM inbound_messages m
				    JOIN inbound_threads t ON t.id = m.thread_id AND t.workspace_id = m.workspace_id
				    WHERE m.workspace_id = ? AND m.campaign_id = ? AND m.enrolment_id IS NOT NULL
				        AND t.label IN %s
				    ORDER BY m.enrolment_id, m.outbox_id NULLS LAST) first
				WHERE (at, enrolment_id) > (?, ?) ORDER BY at, enrolment_id LIMIT ?""".formatted(POSITIVE))
			.params(workspaceId, campaignId, Timestamp.from(afterAt == null ? Instant.EPOCH : afterAt),
					afterEnrolment == null ? new UUID(0, 0) : afterEnrolment, limit)
			.query((rs, i) -> new Positive(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getTimestamp(3).toInstant(), rs.getString(4)))
			.list();
	}

}
