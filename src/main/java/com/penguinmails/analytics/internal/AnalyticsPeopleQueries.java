package com.penguinmails.analytics.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.shared.StoredValue;

/**
 * {@code analytics_events} by person (enrolment; index {@code analytics_events_people}):
 * how many people had each kind of event, and each person's first event of some kinds in
 * time order. Every query takes the workspace id first.
 */
@Repository
public class AnalyticsPeopleQueries {

	/**
	 * A person's first event of the kinds asked for; {@code detail} e.g. a bounce's
	 * reason.
	 */
	public record First(UUID enrolmentId, UUID outboxId, Instant at, EventKind kind, String detail) {
	}

	private final JdbcClient jdbc;

	AnalyticsPeopleQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** People (distinct enrolments) per kind of event; kinds with none are left out. */
	public Map<EventKind, Long> peopleByKind(UUID workspaceId, UUID campaignId) {
		Map<EventKind, Long> people = new EnumMap<>(EventKind.class);
		jdbc.sql("""
				SELECT kind, count(DISTINCT coalesce(enrolment_id::text, source_id)) FROM analytics_events
				WHERE workspace_id = ? AND campaign_id = ? GROUP BY kind""")
			.params(workspaceId, campaignId)
			.query(rs -> {
				people.put(StoredValue.of(EventKind.class, rs.getString(1)), rs.getLong(2));
			});
		return people;
	}

	/** People with any bounce reported after sending (a DSN). */
	public long bouncedPeople(UUID workspaceId, UUID campaignId) {
		return jdbc.sql("""
				SELECT count(DISTINCT coalesce(enrolment_id::text, source_id)) FROM analytics_events
				WHERE workspace_id = ? AND campaign_id = ? AND kind LIKE 'bounced%'""")
			.params(workspaceId, campaignId)
			.query(Long.class)
			.single();
	}

	/**
	 * People's replies per bucket of time (aligned on the Unix epoch); empty buckets are
	 * left out.
	 */
	public Map<Instant, Long> repliesPer(UUID workspaceId, UUID campaignId, java.time.Duration bucket) {
		Map<Instant, Long> replies = new java.util.TreeMap<>();
		jdbc.sql("""
				SELECT date_bin(make_interval(secs => ?::float8), occurred_at, TIMESTAMPTZ '1970-01-01 00:00:00+00'),
				    count(*)
				FROM analytics_events WHERE workspace_id = ? AND campaign_id = ? AND kind = 'replied' GROUP BY 1""")
			.params(bucket.getSeconds(), workspaceId, campaignId)
			.query(rs -> {
				replies.put(rs.getTimestamp(1).toInstant(), rs.getLong(2));
			});
		return replies;
	}

	/**
	 * Each person's first event of one of {@code kinds}, in the order of ({@code at},
	 * enrolment id) after the given key.
	 * @param afterAt with {@code afterEnrolment}: the previous page's last row, or both
	 * null
	 */
	public List<First> first(UUID workspaceId, UUID campaignId, List<EventKind> kinds, Instant afterAt,
			UUID afterEnrolment, int limit) {
		// Walks the events in time order from the key (index analytics_events_first) and
		// keeps each person's first: no earlier one of theirs (analytics_events_people).
		return jdbc
			.sql("""
					SELECT e.enrolment_id, e.outbox_id, e.occurred_at, e.kind, e.detail FROM analytics_events e
					WHERE e.workspace_id = ? AND e.campaign_id = ? AND e.kind = ANY (?::varchar[])
					    AND e.enrolment_id IS NOT NULL AND (e.occurred_at, e.enrolment_id) > (?, ?)
					    AND NOT EXISTS (SELECT 1 FROM analytics_events p
					        WHERE p.workspace_id = e.workspace_id AND p.campaign_id = e.campaign_id
					            AND p.kind = ANY (?::varchar[]) AND p.enrolment_id = e.enrolment_id
					            AND p.occurred_at <= e.occurred_at AND (p.occurred_at, p.source_id) < (e.occurred_at, e.source_id))
					ORDER BY e.occurred_at, e.enrolment_id LIMIT ?""")
			.params(workspaceId, campaignId, kinds.stream().map(EventKind::value).toArray(String[]::new),
					Timestamp.from(afterAt == null ? Instant.EPOCH : afterAt),
					afterEnrolment == null ? new UUID(0, 0) : afterEnrolment,
					kinds.stream().map(EventKind::value).toArray(String[]::new), limit)
			.query((rs, i) -> new First(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getTimestamp(3).toInstant(), StoredValue.of(EventKind.class, rs.getString(4)), rs.getString(5)))
			.list();
	}

	/** Those of {@code enrolmentIds} with a bounce reported after sending (a DSN). */
	public java.util.Set<UUID> bouncedAmong(UUID workspaceId, UUID campaignId,
			java.util.Collection<UUID> enrolmentIds) {
		java.util.Set<UUID> bounced = new java.util.HashSet<>();
		if (enrolmentIds.isEmpty()) {
			return bounced;
		}
		jdbc.sql(
				"""
						SELECT DISTINCT enrolment_id FROM analytics_events
						WHERE workspace_id = ? AND campaign_id = ? AND kind LIKE 'bounced%' AND enrolment_id = ANY (?::uuid[])""")
			.params(workspaceId, campaignId, enrolmentIds.toArray(UUID[]::new))
			.query(rs -> {
				bounced.add(rs.getObject(1, UUID.class));
			});
		return bounced;
	}

}
