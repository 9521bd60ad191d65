package com.penguinmails.analytics.internal.rollup;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The SQL that recounts one workspace-hour of {@code analytics_hourly} and
 * {@code analytics_hourly_slots} from the raw tables, and one day of the daily grains
 * from the hourly rows. Analytics is a read model over other features' tables (outbox,
 * tracking_events, analytics_events, contacts, campaigns): only this class reads them for
 * the rollups.
 */
public final class RollupSql {

	/** The measures of every rollup table, in column order. */
	public static final String[] MEASURES = { "sent", "bounced_hard", "bounced_soft", "bounced_block", "bounced_other",
			"opened", "opened_all", "clicked", "replied", "auto_replied", "unsubscribed", "complained",
			"people_contacted", "people_opened", "people_clicked", "people_replied" };

	static final String MEASURE_LIST = String.join(", ", MEASURES);

	public static final String SUM_MEASURES = Arrays.stream(MEASURES)
		.map(m -> "sum(" + m + ")")
		.collect(Collectors.joining(", "));

	// A message counts as sent once handed to a receiving server: accepted, or refused by
	// it (a refusal is a bounce of its kind); never-sent suppressions are not messages.
	private static final String HANDED = "(o.status = 'sent' OR (o.status = 'failed' AND o.failure IS NOT NULL"
			+ " AND o.failure NOT IN ('suppressed', 'mailbox_removed')))";

	// o is its person's first message handed to a server (ties broken by id).
	private static final String FIRST_MESSAGE = """
			NOT EXISTS (SELECT 1 FROM outbox p WHERE p.enrolment_id = o.enrolment_id AND p.sent_at IS NOT NULL
			            AND (p.sent_at < o.sent_at OR (p.sent_at = o.sent_at AND p.id < o.id)) AND %s)"""
		.formatted(HANDED.replace("o.", "p."));

	// a is its person's first reply (ties broken by source id).
	private static final String FIRST_REPLY = """
			NOT EXISTS (SELECT 1 FROM analytics_events e WHERE e.enrolment_id = a.enrolment_id
			            AND e.kind = 'replied' AND (e.occurred_at < a.occurred_at
			                OR (e.occurred_at = a.occurred_at AND e.source_id < a.source_id)))""";

	/**
	 * Every raw event of a workspace in a time range as one row of measures (0 or 1 each)
	 * with its dimensions and time ({@code at}): sends (parameters workspace, start,
	 * end), opens and clicks (the same three), analytics events (the same three). The one
	 * place analytics reads outbox, tracking_events and analytics_events for figures.
	 */
	private static final String EVENTS = """
			    SELECT o.campaign_id, o.step, o.variant, o.mailbox_id, coalesce(d.provider, 'other') AS provider, o.sent_at AS at,
			        1 AS sent,
			        (o.status = 'failed' AND o.failure = 'hard_bounce')::int AS bounced_hard,
			        (o.status = 'failed' AND o.failure IN ('mailbox_full', 'retries_exhausted'))::int AS bounced_soft,
			        (o.status = 'failed' AND o.failure = 'policy')::int AS bounced_block,
			        (o.status = 'failed' AND o.failure NOT IN ('hard_bounce', 'mailbox_full', 'retries_exhausted',
			            'policy'))::int AS bounced_other,
			        0 AS opened, 0 AS opened_all, 0 AS clicked, 0 AS replied, 0 AS auto_replied, 0 AS unsubscribed,
			        0 AS complained,
			        (o.enrolment_id IS NOT NULL AND %2$s)::int AS people_contacted,
			        0 AS people_opened, 0 AS people_clicked, 0 AS people_replied
			    FROM outbox o LEFT JOIN analytics_recipient_domains d ON d.domain = o.to_domain
			    WHERE o.workspace_id = ? AND o.campaign_id IS NOT NULL AND o.sent_at >= ? AND o.sent_at < ?
			        AND %1$s/*AUDIENCE*/
			    UNION ALL
			    SELECT o.campaign_id, o.step, o.variant, o.mailbox_id, coalesce(d.provider, 'other'), t.occurred_at,
			        0, 0, 0, 0, 0,
			        (t.kind = 'open' AND NOT t.machine AND %3$s)::int,
			        (t.kind = 'open' AND %4$s)::int,
			        (t.kind = 'click' AND NOT t.machine AND %5$s)::int,
			        0, 0, 0, 0, 0,
			        (NOT t.machine AND t.kind = 'open' AND t.enrolment_id IS NOT NULL AND %6$s)::int,
			        (NOT t.machine AND t.kind = 'click' AND t.enrolment_id IS NOT NULL AND %7$s)::int,
			        0
			    FROM tracking_events t JOIN outbox o ON o.id = t.outbox_id
			        LEFT JOIN analytics_recipient_domains d ON d.domain = o.to_domain
			    WHERE t.workspace_id = ? AND t.campaign_id IS NOT NULL AND t.occurred_at >= ? AND t.occurred_at < ?/*AUDIENCE*/
			    UNION ALL
			    SELECT a.campaign_id, a.step, a.variant, o.mailbox_id, coalesce(d.provider, 'other'), a.occurred_at,
			        0,
			        (a.kind = 'bounced_hard')::int, (a.kind = 'bounced_soft')::int, (a.kind = 'bounced_block')::int,
			        (a.kind = 'bounced_other')::int,
			        0, 0, 0,
			        (a.kind = 'replied')::int, (a.kind = 'auto_replied')::int, (a.kind = 'unsubscribed')::int,
			        (a.kind = 'complained')::int,
			        0, 0, 0,
			        (a.kind = 'replied' AND a.enrolment_id IS NOT NULL AND %8$s)::int
			    FROM analytics_events a LEFT JOIN outbox o ON o.id = a.outbox_id
			        LEFT JOIN analytics_recipient_domains d ON d.domain = o.to_domain
			    WHERE a.workspace_id = ? AND a.occurred_at >= ? AND a.occurred_at < ?/*AUDIENCE*/
			"""
		.formatted(HANDED, FIRST_MESSAGE, firstTracking("outbox_id", "open", true),
				firstTracking("outbox_id", "open", false), firstTracking("outbox_id", "click", true),
				firstTracking("enrolment_id", "open", true), firstTracking("enrolment_id", "click", true), FIRST_REPLY);

	/**
	 * t is the first tracking event of its {@code kind} with its {@code key}
	 * ({@code outbox_id}: of the message; {@code enrolment_id}: of the person), among
	 * human ones only when {@code human}; ties broken by id.
	 */
	private static String firstTracking(String key, String kind, boolean human) {
		return """
				NOT EXISTS (SELECT 1 FROM tracking_events e WHERE e.%1$s = t.%1$s AND e.kind = '%2$s'%3$s
				            AND (e.occurred_at < t.occurred_at OR (e.occurred_at = t.occurred_at AND e.id < t.id)))"""
			.formatted(key, kind, human ? " AND NOT e.machine" : "");
	}

	/**
	 * {@link #EVENTS} of the contacts {@code audience} selects (a sub-select of contact
	 * ids; its parameters follow each branch's three), or of everyone when null.
	 */
	public static String events(String audience) {
		return EVENTS.replace("/*AUDIENCE*/", audience == null ? "" : " AND o.contact_id IN (" + audience + ")");
	}

	/**
	 * Replaces the hourly rows of one workspace-hour: parameters workspace and hour for
	 * the insert, then workspace, hour start, hour end three times (sends, tracking,
	 * events).
	 */
	static final String RECOUNT_HOUR = """
			INSERT INTO analytics_hourly (workspace_id, hour, campaign_id, step, variant, mailbox_id, provider, %1$s)
			SELECT ?::uuid, ?::timestamptz, campaign_id, step, variant, mailbox_id, provider, %2$s FROM (
			%3$s
			) x GROUP BY campaign_id, step, variant, mailbox_id, provider
			""".formatted(MEASURE_LIST, SUM_MEASURES, events(null));

	/**
	 * Replaces the heatmap rows of one workspace-hour: sends in the hour and replies
	 * received in it, each by the recipient's local weekday and hour when the message was
	 * sent (the contact's time zone, else the campaign's). Parameters: workspace, hour;
	 * then workspace, start, end twice.
	 */
	static final String RECOUNT_SLOTS = """
			INSERT INTO analytics_hourly_slots (workspace_id, hour, campaign_id, slot, sent, replied)
			SELECT ?::uuid, ?::timestamptz, campaign_id,
			    ((extract(isodow FROM sent_at AT TIME ZONE zone)::int - 1) * 24
			        + extract(hour FROM sent_at AT TIME ZONE zone)::int)::smallint,
			    sum(sent), sum(replied)
			FROM (
			    SELECT o.campaign_id, o.sent_at, 1 AS sent, 0 AS replied, o.contact_id
			    FROM outbox o WHERE o.workspace_id = ? AND o.campaign_id IS NOT NULL AND o.sent_at >= ? AND o.sent_at < ?
			        AND %1$s
			    UNION ALL
			    SELECT o.campaign_id, o.sent_at, 0, 1, o.contact_id
			    FROM analytics_events a JOIN outbox o ON o.id = a.outbox_id
			    WHERE a.workspace_id = ? AND a.kind = 'replied' AND a.occurred_at >= ? AND a.occurred_at < ?
			        AND o.sent_at IS NOT NULL
			) x
			LEFT JOIN contacts c ON c.id = x.contact_id
			LEFT JOIN analytics_time_zones zc ON zc.name = c.time_zone
			LEFT JOIN campaigns cp ON cp.id = x.campaign_id
			LEFT JOIN analytics_time_zones zp ON zp.name = cp.time_zone
			CROSS JOIN LATERAL (SELECT coalesce(zc.name, zp.name, 'UTC') AS zone) tz
			GROUP BY campaign_id, 4
			"""
		.formatted(HANDED);

	/**
	 * Replaces the cohort rows of one workspace-hour: people first contacted in the hour
	 * and people who first replied in it, each by the cohorts of their first message. The
	 * warmup week is the sending mailbox's week of warmup when the message was sent (from
	 * day 1 of its ramp, in the warmup's time zone; {@code none} before or without
	 * warmup), read when the hour is rolled up. Parameters: workspace, hour; then
	 * workspace, start, end twice.
	 */
	static final String RECOUNT_COHORTS = """
			INSERT INTO analytics_hourly_cohorts (workspace_id, hour, campaign_id, cohort_kind, cohort, contacted, replied)
			SELECT ?::uuid, ?::timestamptz, x.campaign_id, k.kind, k.cohort, sum(x.contacted), sum(x.replied) FROM (
			    SELECT o.campaign_id, o.sent_at AS first_at, o.mailbox_id, o.contact_id, 1 AS contacted, 0 AS replied
			    FROM outbox o
			    WHERE o.workspace_id = ? AND o.campaign_id IS NOT NULL AND o.sent_at >= ? AND o.sent_at < ?
			        AND o.enrolment_id IS NOT NULL AND %1$s AND %3$s
			    UNION ALL
			    SELECT f.campaign_id, f.sent_at, f.mailbox_id, f.contact_id, 0, 1
			    FROM analytics_events a
			    JOIN LATERAL (SELECT p.campaign_id, p.sent_at, p.mailbox_id, p.contact_id FROM outbox p
			        WHERE p.enrolment_id = a.enrolment_id AND p.sent_at IS NOT NULL AND %2$s
			        ORDER BY p.sent_at, p.id LIMIT 1) f ON true
			    WHERE a.workspace_id = ? AND a.kind = 'replied' AND a.occurred_at >= ? AND a.occurred_at < ?
			        AND a.enrolment_id IS NOT NULL
			        AND %4$s
			) x
			LEFT JOIN mailboxes m ON m.id = x.mailbox_id
			LEFT JOIN warmup_mailboxes w ON w.mailbox_id = x.mailbox_id
			LEFT JOIN contacts c ON c.id = x.contact_id
			CROSS JOIN LATERAL (VALUES
			    ('first_send_week', to_char(date_trunc('week', x.first_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')),
			    ('mailbox_age_week', CASE WHEN m.created_at IS NULL THEN NULL
			        ELSE greatest(0, floor(extract(epoch FROM x.first_at - m.created_at) / 604800))::int::text END),
			    ('warmup_week', CASE WHEN m.id IS NULL THEN NULL
			        WHEN w.started_on IS NULL OR x.first_at < (w.started_on::timestamp AT TIME ZONE w.time_zone) THEN 'none'
			        ELSE floor(extract(epoch FROM x.first_at - (w.started_on::timestamp AT TIME ZONE w.time_zone))
			            / 604800)::int::text END),
			    ('import_week', CASE WHEN c.created_at IS NULL THEN NULL
			        ELSE to_char(date_trunc('week', c.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') END)
			) k(kind, cohort)
			WHERE k.cohort IS NOT NULL
			GROUP BY x.campaign_id, k.kind, k.cohort
			"""
		.formatted(HANDED, HANDED.replace("o.", "p."), FIRST_MESSAGE, FIRST_REPLY);

	/**
	 * Replaces one hour of the hourly per-campaign grain from its hourly rows: workspace,
	 * hour, workspace, hour.
	 */
	static final String RECOUNT_HOUR_CAMPAIGN = """
			INSERT INTO analytics_hourly_campaign (workspace_id, hour, campaign_id, %1$s)
			SELECT ?::uuid, ?::timestamptz, campaign_id, %2$s FROM analytics_hourly
			WHERE workspace_id = ? AND hour = ? GROUP BY campaign_id
			""".formatted(MEASURE_LIST, SUM_MEASURES);

	/**
	 * Replaces one day of the per-campaign grain: workspace, day, workspace, start, end.
	 */
	static final String RECOUNT_DAY_CAMPAIGN = """
			INSERT INTO analytics_day_campaign (workspace_id, day, campaign_id, step, variant, provider, %1$s)
			SELECT ?::uuid, ?::date, campaign_id, step, variant, provider, %2$s FROM analytics_hourly
			WHERE workspace_id = ? AND hour >= ? AND hour < ? GROUP BY campaign_id, step, variant, provider
			""".formatted(MEASURE_LIST, SUM_MEASURES);

	/**
	 * Replaces one day of the per-mailbox grain: workspace, day, workspace, start, end.
	 */
	static final String RECOUNT_DAY_MAILBOX = """
			INSERT INTO analytics_day_mailbox (workspace_id, day, campaign_id, mailbox_id, %1$s)
			SELECT ?::uuid, ?::date, campaign_id, mailbox_id, %2$s FROM analytics_hourly
			WHERE workspace_id = ? AND hour >= ? AND hour < ? GROUP BY campaign_id, mailbox_id
			""".formatted(MEASURE_LIST, SUM_MEASURES);

	private RollupSql() {
	}

}
