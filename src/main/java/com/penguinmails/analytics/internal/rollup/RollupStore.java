package com.penguinmails.analytics.internal.rollup;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.reputation.RecipientProviderLookup;

/**
 * Keeps the rollups ({@code analytics_hourly} and its per-campaign grain,
 * {@code analytics_hourly_slots} and the daily grains) equal to a count over the raw
 * tables. Events mark their hour dirty; {@link #refresh} recounts dirty hours (taken
 * {@code FOR UPDATE SKIP LOCKED}, so each is recounted by one node), then the days of the
 * workspace's time zone they fall in. A recount replaces rows, so recounting twice
 * changes nothing.
 */
@Component
public class RollupStore {

	/** A workspace-hour to recount. */
	public record DirtyHour(UUID workspaceId, Instant hour) {
	}

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final WorkspaceDirectory workspaces;

	private final RecipientProviderLookup providers;

	private final Clock clock;

	RollupStore(JdbcClient jdbc, TransactionTemplate transactions, WorkspaceDirectory workspaces,
			RecipientProviderLookup providers, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.workspaces = workspaces;
		this.providers = providers;
		this.clock = clock;
	}

	/** The start of the UTC hour {@code at} falls in. */
	public static Instant hourOf(Instant at) {
		return at.truncatedTo(ChronoUnit.HOURS);
	}

	/** Marks the hour of {@code at} to be recounted for the workspace. */
	public void markDirty(UUID workspaceId, Instant at) {
		jdbc.sql("INSERT INTO analytics_dirty_hours (workspace_id, hour) VALUES (?, ?) ON CONFLICT DO NOTHING")
			.params(workspaceId, Timestamp.from(hourOf(at)))
			.update();
	}

	/**
	 * Marks for a recount every hour of the workspace that has raw events or rollup rows
	 * (a rebuild); the refresher works through them. Returns the number of hours marked.
	 */
	public long markAll(UUID workspaceId) {
		long hours = jdbc.sql("""
				INSERT INTO analytics_dirty_hours (workspace_id, hour)
				SELECT ?::uuid, h FROM (
				    SELECT date_bin(INTERVAL '1 hour', sent_at, TIMESTAMPTZ '1970-01-01 00:00:00+00') h FROM outbox
				    WHERE workspace_id = ? AND sent_at IS NOT NULL AND campaign_id IS NOT NULL
				    UNION SELECT date_bin(INTERVAL '1 hour', occurred_at, TIMESTAMPTZ '1970-01-01 00:00:00+00')
				    FROM tracking_events WHERE workspace_id = ? AND campaign_id IS NOT NULL
				    UNION SELECT date_bin(INTERVAL '1 hour', occurred_at, TIMESTAMPTZ '1970-01-01 00:00:00+00')
				    FROM analytics_events WHERE workspace_id = ?
				    UNION SELECT hour FROM analytics_hourly WHERE workspace_id = ?
				    UNION SELECT hour FROM analytics_hourly_campaign WHERE workspace_id = ?
				    UNION SELECT hour FROM analytics_hourly_slots WHERE workspace_id = ?
				    UNION SELECT hour FROM analytics_hourly_cohorts WHERE workspace_id = ?) all_hours
				ON CONFLICT DO NOTHING""")
			.params(workspaceId, workspaceId, workspaceId, workspaceId, workspaceId, workspaceId, workspaceId,
					workspaceId)
			.update();
		// The days follow the workspace's current zone from now on: after a change of
		// zone
		// the old days go, and every day is recounted from its hours.
		String zone = workspaceZone(workspaceId).getId();
		if (!zone.equals(rollupZone(workspaceId).getId())) {
			jdbc.sql("DELETE FROM analytics_day_campaign WHERE workspace_id = ?").param(workspaceId).update();
			jdbc.sql("DELETE FROM analytics_day_mailbox WHERE workspace_id = ?").param(workspaceId).update();
		}
		jdbc.sql("""
				INSERT INTO analytics_rollup_state (workspace_id, zone, rebuilt_at, rebuild_hours) VALUES (?, ?, ?, ?)
				ON CONFLICT (workspace_id) DO UPDATE SET zone = excluded.zone, rebuilt_at = excluded.rebuilt_at,
				    rebuild_hours = excluded.rebuild_hours""")
			.params(workspaceId, zone, Timestamp.from(clock.instant()), hours)
			.update();
		return hours;
	}

	/** When the workspace's rollups were last rebuilt, or null. */
	public Instant rebuiltAt(UUID workspaceId) {
		return jdbc.sql("SELECT rebuilt_at FROM analytics_rollup_state WHERE workspace_id = ?")
			.param(workspaceId)
			.query(java.sql.Timestamp.class)
			.list()
			.stream()
			.filter(java.util.Objects::nonNull)
			.map(Timestamp::toInstant)
			.findFirst()
			.orElse(null);
	}

	/** Hours of the workspace still waiting for a recount. */
	public long pending(UUID workspaceId) {
		return jdbc.sql("SELECT count(*) FROM analytics_dirty_hours WHERE workspace_id = ?")
			.param(workspaceId)
			.query(Long.class)
			.single();
	}

	/**
	 * Recounts up to {@code limit} dirty hours (oldest first) and the days they fall in,
	 * in one transaction; returns how many hours were taken (0: none was waiting). The
	 * recipient domains of those hours are looked up first, outside the transaction (DNS
	 * may take seconds); an hour with a domain still unknown then (another node marked it
	 * meanwhile) stays dirty for the next round.
	 */
	public int refresh(int limit) {
		resolveProviders(limit);
		Integer done = transactions.execute(status -> {
			List<DirtyHour> hours = jdbc
				.sql("""
						SELECT workspace_id, hour FROM analytics_dirty_hours ORDER BY hour LIMIT ? FOR UPDATE SKIP LOCKED""")
				.param(limit)
				.query((rs, i) -> new DirtyHour(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()))
				.list();
			Set<DirtyDay> days = new LinkedHashSet<>();
			for (DirtyHour hour : hours) {
				if (!providersKnown(hour)) {
					continue;
				}
				recountHour(hour.workspaceId(), hour.hour());
				ZoneId zone = rollupZone(hour.workspaceId());
				days.add(new DirtyDay(hour.workspaceId(), LocalDate.ofInstant(hour.hour(), zone), zone));
				jdbc.sql("DELETE FROM analytics_dirty_hours WHERE workspace_id = ? AND hour = ?")
					.params(hour.workspaceId(), Timestamp.from(hour.hour()))
					.update();
			}
			for (DirtyDay day : days) {
				recountDay(day.workspaceId(), day.day(), day.zone());
			}
			return hours.size();
		});
		return done == null ? 0 : done;
	}

	/** Recounts every dirty hour, batch after batch, until none is left. */
	public void refreshAll() {
		while (refresh(200) > 0) {
			// next batch
		}
	}

	/**
	 * The zone whose days the daily grains hold for the workspace: fixed at its first
	 * rollup (its owner's zone), changed by a rebuild.
	 */
	public ZoneId rollupZone(UUID workspaceId) {
		List<String> zone = jdbc.sql("SELECT zone FROM analytics_rollup_state WHERE workspace_id = ?")
			.param(workspaceId)
			.query(String.class)
			.list();
		if (!zone.isEmpty()) {
			return ZoneId.of(zone.get(0));
		}
		ZoneId current = workspaceZone(workspaceId);
		jdbc.sql("INSERT INTO analytics_rollup_state (workspace_id, zone) VALUES (?, ?) ON CONFLICT DO NOTHING")
			.params(workspaceId, current.getId())
			.update();
		return current;
	}

	/** The workspace's time zone now (its owner's), UTC when unknown. */
	public ZoneId workspaceZone(UUID workspaceId) {
		try {
			return ZoneId.of(workspaces.timeZone(workspaceId, null));
		}
		catch (RuntimeException ex) {
			return ZoneId.of("UTC");
		}
	}

	private record DirtyDay(UUID workspaceId, LocalDate day, ZoneId zone) {
	}

	private void recountHour(UUID ws, Instant hour) {
		Timestamp start = Timestamp.from(hour);
		Timestamp end = Timestamp.from(hour.plus(Duration.ofHours(1)));
		jdbc.sql("DELETE FROM analytics_hourly WHERE workspace_id = ? AND hour = ?").params(ws, start).update();
		jdbc.sql(RollupSql.RECOUNT_HOUR).params(ws, start, ws, start, end, ws, start, end, ws, start, end).update();
		jdbc.sql("DELETE FROM analytics_hourly_campaign WHERE workspace_id = ? AND hour = ?")
			.params(ws, start)
			.update();
		jdbc.sql(RollupSql.RECOUNT_HOUR_CAMPAIGN).params(ws, start, ws, start).update();
		jdbc.sql("DELETE FROM analytics_hourly_slots WHERE workspace_id = ? AND hour = ?").params(ws, start).update();
		jdbc.sql(RollupSql.RECOUNT_SLOTS).params(ws, start, ws, start, end, ws, start, end).update();
		jdbc.sql("DELETE FROM analytics_hourly_cohorts WHERE workspace_id = ? AND hour = ?").params(ws, start).update();
		jdbc.sql(RollupSql.RECOUNT_COHORTS).params(ws, start, ws, start, end, ws, start, end).update();
	}

	private void recountDay(UUID ws, LocalDate day, ZoneId zone) {
		Timestamp start = Timestamp.from(day.atStartOfDay(zone).toInstant());
		Timestamp end = Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant());
		jdbc.sql("DELETE FROM analytics_day_campaign WHERE workspace_id = ? AND day = ?").params(ws, day).update();
		jdbc.sql(RollupSql.RECOUNT_DAY_CAMPAIGN).params(ws, day, ws, start, end).update();
		jdbc.sql("DELETE FROM analytics_day_mailbox WHERE workspace_id = ? AND day = ?").params(ws, day).update();
		jdbc.sql(RollupSql.RECOUNT_DAY_MAILBOX).params(ws, day, ws, start, end).update();
	}

	/**
	 * Looks up the provider of the recipient domains sent to in the next {@code limit}
	 * dirty hours that analytics does not know yet (or knew as "other" over a day ago:
	 * DNS may answer now), each stored as soon as it is known.
	 */
	private void resolveProviders(int limit) {
		Timestamp stale = Timestamp.from(clock.instant().minus(Duration.ofDays(1)));
		List<String> domains = jdbc.sql("""
				SELECT DISTINCT o.to_domain
				FROM (SELECT workspace_id, hour FROM analytics_dirty_hours ORDER BY hour LIMIT ?) h
				JOIN outbox o ON o.workspace_id = h.workspace_id AND o.campaign_id IS NOT NULL
				    AND o.sent_at >= h.hour AND o.sent_at < h.hour + INTERVAL '1 hour'
				LEFT JOIN analytics_recipient_domains d ON d.domain = o.to_domain
				WHERE o.to_domain IS NOT NULL AND (d.domain IS NULL OR (d.provider = 'other' AND d.checked_at < ?))""")
			.params(limit, stale)
			.query(String.class)
			.list();
		for (String domain : domains) {
			String provider = providers.of(domain).value();
			jdbc.sql(
					"""
							INSERT INTO analytics_recipient_domains (domain, provider, checked_at) VALUES (?, ?, ?)
							ON CONFLICT (domain) DO UPDATE SET provider = excluded.provider, checked_at = excluded.checked_at""")
				.params(domain, provider, Timestamp.from(clock.instant()))
				.update();
		}
	}

	/** Whether every recipient domain sent to in the hour has a provider. */
	private boolean providersKnown(DirtyHour hour) {
		return !jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM outbox o LEFT JOIN analytics_recipient_domains d ON d.domain = o.to_domain
				    WHERE o.workspace_id = ? AND o.campaign_id IS NOT NULL AND o.sent_at >= ? AND o.sent_at < ?
				        AND o.to_domain IS NOT NULL AND d.domain IS NULL)""")
			.params(hour.workspaceId(), Timestamp.from(hour.hour()),
					Timestamp.from(hour.hour().plus(Duration.ofHours(1))))
			.query(Boolean.class)
			.single();
	}

}
