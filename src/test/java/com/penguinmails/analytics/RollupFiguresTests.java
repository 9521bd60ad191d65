package com.penguinmails.analytics;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.penguinmails.analytics.AnalyticsViews.Cell;
import com.penguinmails.analytics.AnalyticsViews.Entry;
import com.penguinmails.analytics.AnalyticsViews.VariantEntry;
import com.penguinmails.analytics.RollupFixture.Seeded;
import com.penguinmails.analytics.internal.rollup.RollupStore;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.reputation.RecipientProvider;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workspace analytics read from the rollups equal a direct count over the raw events, for
 * a generated month of activity (machine and repeated opens, repeated replies, a winning
 * variant), over whole and partial periods, in the rollups' zone (daily grains) and in
 * another (hourly rows), with every filter.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollupFiguresTests {

	static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Campaigns campaigns;

	@Autowired
	WorkspaceAnalytics analytics;

	@Autowired
	RollupStore rollups;

	@Autowired
	Cohorts cohorts;

	Account account;

	Seeded seeded;

	JdbcClient jdbc;

	@BeforeAll
	void seedAMonth() {
		jdbc = fixtures.jdbc();
		account = fixtures.verifiedAccount("rollup-month");
		// The owner's zone is the rollups' zone; the month crosses the end of summer
		// time.
		jdbc.sql("UPDATE users SET time_zone = 'Europe/Paris' WHERE id = ?").param(account.owner().userId()).update();
		seeded = RollupFixture.seed(jdbc, mailboxes, campaigns, account, "month", 1500,
				Instant.parse("2026-10-10T00:00:00Z"));
		rollups.markAll(account.workspaceId());
		rollups.refreshAll();
	}

	AnalyticsFilter period(String from, String to, ZoneId zone) {
		return new AnalyticsFilter(LocalDate.parse(from), LocalDate.parse(to), zone, Set.of(), Set.of(), null, null,
				null, null, null, null);
	}

	@Test
	void theWholeMonthAndPartsOfItEqualADirectCount() {
		for (AnalyticsFilter filter : List.of(period("2026-10-01", "2026-11-30", PARIS),
				period("2026-10-12", "2026-10-31", PARIS), period("2026-10-25", "2026-10-25", PARIS),
				period("2026-10-12", "2026-11-03", ZoneId.of("America/Los_Angeles")),
				period("2026-10-20", "2026-10-26", ZoneId.of("UTC")))) {
			assertThat(analytics.overview(account.owner(), filter).totals()).as(filter.toString())
				.isEqualTo(direct(filter, null));
		}
	}

	@Test
	void everyFilterEqualsADirectCount() {
		AnalyticsFilter month = period("2026-10-01", "2026-11-30", PARIS);
		List<AnalyticsFilter> filters = new ArrayList<>();
		filters.add(with(month, Set.of(seeded.campaignA()), Set.of(), null, null, null, null));
		filters.add(with(month, Set.of(), Set.of(seeded.boxA()), null, null, null, null));
		filters.add(with(month, Set.of(), Set.of(), "month-one.test", null, null, null));
		filters.add(with(month, Set.of(), Set.of(), null, 2, null, null));
		filters.add(with(month, Set.of(), Set.of(), null, 1, 1, null));
		filters.add(with(month, Set.of(), Set.of(), null, null, null, RecipientProvider.GOOGLE));
		filters.add(with(month, Set.of(), Set.of(), null, null, null, RecipientProvider.OTHER));
		filters.add(with(month, Set.of(seeded.campaignB()), Set.of(seeded.boxC()), null, null, 0,
				RecipientProvider.MICROSOFT));
		filters.add(with(period("2026-10-15", "2026-10-28", ZoneId.of("Asia/Tokyo")), Set.of(), Set.of(), null, 1, 0,
				RecipientProvider.YAHOO));
		// A list and a tag: contacts' membership is read as it is now, over raw events.
		filters.add(audience(month, seeded.listId(), null));
		filters.add(audience(month, null, "vip"));
		filters.add(audience(with(month, Set.of(seeded.campaignA()), Set.of(), null, 1, null, null), seeded.listId(),
				"vip"));
		for (AnalyticsFilter filter : filters) {
			List<UUID> boxes = filter.domain() != null ? List.of(seeded.boxA(), seeded.boxB())
					: filter.mailboxIds().isEmpty() ? null : List.copyOf(filter.mailboxIds());
			assertThat(analytics.overview(account.owner(), filter).totals()).as(filter.toString())
				.isEqualTo(direct(filter, boxes));
		}
	}

	@Test
	void theFiguresAreNotNothing() {
		Totals month = analytics.overview(account.owner(), period("2026-10-01", "2026-11-30", PARIS)).totals();
		assertThat(month.sent()).isGreaterThan(2500);
		long machineOnly = jdbc.sql("""
				SELECT count(*) FROM (SELECT outbox_id FROM tracking_events WHERE workspace_id = ? AND kind = 'open'
				GROUP BY outbox_id HAVING bool_and(machine)) m""")
			.param(account.workspaceId())
			.query(Long.class)
			.single();
		assertThat(machineOnly).isPositive();
		assertThat(month.opened()).isEqualTo(month.openedAll() - machineOnly);
		assertThat(month.peopleReplied()).isPositive().isLessThan(month.replied());
		assertThat(month.bouncedHard()).isPositive();
		assertThat(month.bouncedSoft()).isPositive();
		assertThat(month.bouncedBlock()).isPositive();
		assertThat(month.complained()).isPositive();
		assertThat(month.unsubscribed()).isPositive();
	}

	@Test
	void daysBreakdownsAndVariantsAddUpToTheTotals() {
		AnalyticsFilter month = period("2026-10-01", "2026-11-30", PARIS);
		AnalyticsViews.Overview overview = analytics.overview(account.owner(), month);
		assertThat(overview.days()).hasSize(61);
		assertThat(overview.days().stream().map(AnalyticsViews.Day::totals).reduce(Totals.NONE, Totals::plus))
			.isEqualTo(overview.totals());
		// 25 October 2026 in Paris has 25 hours: its day equals a direct count of them.
		AnalyticsViews.Day longDay = overview.days()
			.stream()
			.filter(d -> d.day().equals(LocalDate.parse("2026-10-25")))
			.findFirst()
			.orElseThrow();
		assertThat(longDay.totals()).isEqualTo(direct(period("2026-10-25", "2026-10-25", PARIS), null));
		for (List<Entry> entries : List.of(analytics.mailboxes(account.owner(), month),
				analytics.domains(account.owner(), month), analytics.providers(account.owner(), month),
				analytics.campaigns(account.owner(), month))) {
			assertThat(entries.stream().map(Entry::totals).reduce(Totals.NONE, Totals::plus))
				.isEqualTo(overview.totals());
		}
		assertThat(analytics.mailboxes(account.owner(), month)).extracting(Entry::label)
			.containsExactly("c@month-two.test", "a@month-one.test", "b@month-one.test");
		assertThat(analytics.providers(account.owner(), month)).extracting(Entry::label)
			.contains("Google (Gmail, Workspace)", "Another receiver");
		List<VariantEntry> variants = analytics.variants(account.owner(), month);
		assertThat(variants.stream().map(VariantEntry::totals).reduce(Totals.NONE, Totals::plus))
			.isEqualTo(overview.totals());
		// Variant B of step 1 wins in both campaigns.
		for (UUID campaign : List.of(seeded.campaignA(), seeded.campaignB())) {
			Map<String, Totals> first = variants.stream()
				.filter(v -> v.campaignId().equals(campaign) && v.step() == 1)
				.collect(Collectors.toMap(VariantEntry::variant, VariantEntry::totals));
			assertThat((double) first.get("B").replied() / first.get("B").sent())
				.isGreaterThan((double) first.get("A").replied() / first.get("A").sent());
		}
	}

	@Test
	void theHeatmapEqualsADirectCountInTheRecipientsZone() {
		AnalyticsFilter month = period("2026-10-01", "2026-11-30", PARIS);
		List<Cell> cells = analytics.heatmap(account.owner(), month).cells();
		assertThat(cells).hasSize(168);
		Map<String, long[]> direct = new java.util.HashMap<>();
		jdbc.sql("""
				SELECT extract(isodow FROM o.sent_at AT TIME ZONE c.time_zone)::int,
				    extract(hour FROM o.sent_at AT TIME ZONE c.time_zone)::int,
				    count(*) FILTER (WHERE a.source_id IS NULL), count(a.source_id)
				FROM outbox o JOIN campaigns c ON c.id = o.campaign_id
				LEFT JOIN analytics_events a ON a.outbox_id = o.id AND a.kind = 'replied'
				    AND a.occurred_at >= ? AND a.occurred_at < ?
				WHERE o.workspace_id = ? AND (o.status = 'sent' OR o.failure IS NOT NULL)
				GROUP BY 1, 2""")
			.params(Timestamp.from(month.start()), Timestamp.from(month.end()), account.workspaceId())
			.query(rs -> {
				direct.put(rs.getInt(1) + ":" + rs.getInt(2), new long[] { rs.getLong(3), rs.getLong(4) });
			});
		long sent = 0;
		long replied = 0;
		for (Cell cell : cells) {
			long[] expected = direct.getOrDefault(cell.weekday() + ":" + cell.hour(), new long[2]);
			replied += cell.replied();
			sent += cell.sent();
			assertThat(cell.replied()).as("replies at %s", cell).isEqualTo(expected[1]);
		}
		assertThat(sent).isEqualTo(analytics.overview(account.owner(), month).totals().sent());
		assertThat(replied).isEqualTo(analytics.overview(account.owner(), month).totals().replied());
	}

	@Test
	void aRecountChangesNothingAndANewEventCountsOnceItsHourIsRecounted() {
		AnalyticsFilter month = period("2026-10-01", "2026-11-30", PARIS);
		Totals before = analytics.overview(account.owner(), month).totals();
		rollups.markAll(account.workspaceId());
		rollups.refreshAll();
		rollups.refreshAll();
		assertThat(analytics.overview(account.owner(), month).totals()).isEqualTo(before);
		assertThat(rollups.pending(account.workspaceId())).isZero();
	}

	@Test
	void cohortsEqualADirectCountByTheFirstMessage() {
		AnalyticsFilter month = period("2026-10-01", "2026-11-30", PARIS);
		Map<String, long[]> direct = new java.util.TreeMap<>();
		jdbc.sql(
				"""
						WITH firsts AS (SELECT DISTINCT ON (enrolment_id) enrolment_id, sent_at FROM outbox
						    WHERE workspace_id = ? AND (status = 'sent' OR failure IS NOT NULL) ORDER BY enrolment_id, sent_at, id),
						replies AS (SELECT DISTINCT ON (enrolment_id) enrolment_id, occurred_at FROM analytics_events
						    WHERE workspace_id = ? AND kind = 'replied' ORDER BY enrolment_id, occurred_at, source_id)
						SELECT to_char(date_trunc('week', f.sent_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD'),
						    count(*) FILTER (WHERE f.sent_at >= ? AND f.sent_at < ?),
						    count(r.enrolment_id) FILTER (WHERE r.occurred_at >= ? AND r.occurred_at < ?)
						FROM firsts f LEFT JOIN replies r ON r.enrolment_id = f.enrolment_id GROUP BY 1""")
			.params(account.workspaceId(), account.workspaceId(), Timestamp.from(month.start()),
					Timestamp.from(month.end()), Timestamp.from(month.start()), Timestamp.from(month.end()))
			.query(rs -> {
				direct.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3) });
			});
		List<AnalyticsViews.Cohort> weeks = cohorts.of(account.owner(), month, "first_send_week");
		assertThat(weeks).hasSizeGreaterThan(3);
		for (AnalyticsViews.Cohort week : weeks) {
			assertThat(new long[] { week.contacted(), week.replied() }).as(week.label())
				.containsExactly(direct.get(week.cohort()));
		}
		assertThat(weeks.stream().mapToLong(AnalyticsViews.Cohort::contacted).sum())
			.isEqualTo(analytics.overview(account.owner(), month).totals().peopleContacted());
		// The mailboxes were connected after the seeded history: all of it counts as
		// their first week.
		assertThat(cohorts.of(account.owner(), month, "mailbox_age_week")).singleElement()
			.extracting(AnalyticsViews.Cohort::label)
			.isEqualTo("Mailbox in its first week");
	}

	@Test
	void warmupCohortsCountEachPersonByTheirMailboxsWarmupWeekThen() {
		AnalyticsFilter month = period("2026-10-01", "2026-11-30", PARIS);
		long contacted = analytics.overview(account.owner(), month).totals().peopleContacted();
		assertThat(cohorts.of(account.owner(), month, "warmup_week")).singleElement()
			.satisfies((none) -> assertThat(none.label()).isEqualTo("Mailbox not warming up yet"))
			.satisfies((none) -> assertThat(none.contacted()).isEqualTo(contacted));
		// Mailbox A starts warming up on 17 October (its zone's day 1): its people first
		// written to from then on fall in its warmup weeks, the rest stay "none".
		jdbc.sql("""
				INSERT INTO warmup_mailboxes (mailbox_id, workspace_id, enabled, start_per_day, increase_per_day,
				    max_per_day, reply_rate_percent, time_zone, started_on)
				VALUES (?, ?, true, 5, 2, 40, 30, 'America/New_York', DATE '2026-10-17')""")
			.params(seeded.boxA(), account.workspaceId())
			.update();
		try {
			rollups.markAll(account.workspaceId());
			rollups.refreshAll();
			Map<String, Long> direct = new java.util.TreeMap<>();
			jdbc.sql(
					"""
							WITH firsts AS (SELECT DISTINCT ON (enrolment_id) enrolment_id, sent_at, mailbox_id FROM outbox
							    WHERE workspace_id = ? AND (status = 'sent' OR failure IS NOT NULL) ORDER BY enrolment_id, sent_at, id)
							SELECT CASE WHEN mailbox_id <> ? OR sent_at < TIMESTAMPTZ '2026-10-17 00:00 America/New_York' THEN 'none'
							    ELSE floor(extract(epoch FROM sent_at - TIMESTAMPTZ '2026-10-17 00:00 America/New_York') / 604800)::int::text
							    END, count(*)
							FROM firsts WHERE sent_at >= ? AND sent_at < ? GROUP BY 1""")
				.params(account.workspaceId(), seeded.boxA(), Timestamp.from(month.start()),
						Timestamp.from(month.end()))
				.query((rs) -> {
					direct.put(rs.getString(1), rs.getLong(2));
				});
			List<AnalyticsViews.Cohort> weeks = cohorts.of(account.owner(), month, "warmup_week");
			assertThat(weeks).hasSizeGreaterThan(2);
			assertThat(weeks.get(0).label()).isEqualTo("Mailbox not warming up yet");
			assertThat(weeks.get(1).label()).isEqualTo("Mailbox in warmup week 1");
			for (AnalyticsViews.Cohort week : weeks) {
				assertThat(week.contacted()).as(week.label()).isEqualTo(direct.get(week.cohort()));
			}
			assertThat(weeks.stream().mapToLong(AnalyticsViews.Cohort::contacted).sum()).isEqualTo(contacted);
		}
		finally {
			jdbc.sql("DELETE FROM warmup_mailboxes WHERE mailbox_id = ?").param(seeded.boxA()).update();
			rollups.markAll(account.workspaceId());
			rollups.refreshAll();
		}
	}

	@Test
	void interestedCountsTheLabelAsItIsNowByWhenItWasSet() {
		AnalyticsFilter month = period("2026-10-01", "2026-11-30", PARIS);
		AnalyticsFilter campaignA = with(month, Set.of(seeded.campaignA()), Set.of(), null, null, null, null);
		Totals before = analytics.overview(account.owner(), month).totals();
		// Two replies of campaign A whose conversations are labelled interested, then one
		// label is taken back.
		List<UUID> threads = new ArrayList<>();
		for (var reply : jdbc
			.sql("""
					SELECT DISTINCT ON (a.enrolment_id) a.outbox_id, a.enrolment_id, a.occurred_at
					FROM analytics_events a JOIN outbox o ON o.id = a.outbox_id
					WHERE a.workspace_id = ? AND a.kind = 'replied' AND o.campaign_id = ? ORDER BY a.enrolment_id LIMIT 2""")
			.params(account.workspaceId(), seeded.campaignA())
			.query((rs,
					i) -> new Object[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getTimestamp(3) })
			.list()) {
			UUID thread = UUID.randomUUID();
			threads.add(thread);
			jdbc.sql("INSERT INTO inbound_threads (id, workspace_id, label, updated_at) VALUES (?, ?, 'interested', ?)")
				.params(thread, account.workspaceId(), reply[2])
				.update();
			jdbc.sql(
					"""
							INSERT INTO inbound_messages (id, workspace_id, mailbox_id, received_at, kind, outbox_id, campaign_id,
							    enrolment_id, thread_id, created_at)
							VALUES (?, ?, ?, ?, 'reply', ?, ?, ?, ?, ?)""")
				.params(UUID.randomUUID(), account.workspaceId(), seeded.boxA(), reply[2], reply[0], seeded.campaignA(),
						reply[1], thread, reply[2])
				.update();
		}
		try {
			assertThat(analytics.overview(account.owner(), month).totals().interested())
				.isEqualTo(before.interested() + 2);
			assertThat(analytics.overview(account.owner(), campaignA).totals().interested()).isEqualTo(2);
			assertThat(analytics.campaigns(account.owner(), month))
				.filteredOn(e -> e.key().equals(seeded.campaignA().toString()))
				.singleElement()
				.extracting(e -> e.totals().interested())
				.isEqualTo(2L);
			jdbc.sql("UPDATE inbound_threads SET label = NULL WHERE id = ?").param(threads.get(0)).update();
			assertThat(analytics.overview(account.owner(), campaignA).totals().interested()).isEqualTo(1);
		}
		finally {
			jdbc.sql("DELETE FROM inbound_messages WHERE thread_id = ANY(?::uuid[])")
				.param(threads.toArray(UUID[]::new))
				.update();
			jdbc.sql("DELETE FROM inbound_threads WHERE id = ANY(?::uuid[])")
				.param(threads.toArray(UUID[]::new))
				.update();
		}
	}

	private static AnalyticsFilter audience(AnalyticsFilter f, UUID listId, String tag) {
		return new AnalyticsFilter(f.from(), f.to(), f.zone(), f.campaignIds(), f.mailboxIds(), f.domain(), f.step(),
				f.variant(), f.provider(), listId, tag);
	}

	private AnalyticsFilter with(AnalyticsFilter f, Set<UUID> campaignIds, Set<UUID> mailboxIds, String domain,
			Integer step, Integer variant, RecipientProvider provider) {
		return new AnalyticsFilter(f.from(), f.to(), f.zone(), campaignIds, mailboxIds, domain, step, variant, provider,
				null, null);
	}

	/** The filter's figures counted straight from the raw tables. */
	private Totals direct(AnalyticsFilter f, List<UUID> boxes) {
		StringBuilder dims = new StringBuilder();
		if (!f.campaignIds().isEmpty()) {
			dims.append(" AND o.campaign_id = ANY(CAST(:campaigns AS uuid[]))");
		}
		if (boxes != null) {
			dims.append(" AND o.mailbox_id = ANY(CAST(:boxes AS uuid[]))");
		}
		if (f.step() != null) {
			dims.append(" AND o.step = ").append(f.step() - 1);
		}
		if (f.variant() != null) {
			dims.append(" AND o.variant = ").append(f.variant());
		}
		if (f.provider() != null) {
			dims.append(" AND ").append(switch (f.provider()) {
				case GOOGLE -> "o.to_domain = 'gmail.com'";
				case MICROSOFT -> "o.to_domain = 'outlook.com'";
				case YAHOO -> "o.to_domain = 'yahoo.com'";
				case OTHER -> "o.to_domain NOT IN ('gmail.com', 'outlook.com', 'yahoo.com')";
			});
		}
		if (f.listId() != null) {
			dims.append(" AND o.contact_id IN (SELECT contact_id FROM contact_list_members WHERE list_id = '")
				.append(f.listId())
				.append("')");
		}
		if (f.tag() != null) {
			dims.append(" AND o.contact_id IN (SELECT id FROM contacts WHERE tags @> ARRAY['")
				.append(f.tag())
				.append("'])");
		}
		String handed = "(o.status = 'sent' OR (o.status = 'failed' AND o.failure IS NOT NULL))";
		String sql = """
				SELECT
				  (SELECT count(*) FROM outbox o WHERE o.workspace_id = :ws AND o.sent_at >= :start AND o.sent_at < :end AND %2$s %1$s),
				  (SELECT count(*) FROM outbox o WHERE o.workspace_id = :ws AND o.sent_at >= :start AND o.sent_at < :end
				       AND o.failure = 'hard_bounce' %1$s)
				    + (SELECT count(*) FROM analytics_events a JOIN outbox o ON o.id = a.outbox_id WHERE a.workspace_id = :ws
				       AND a.occurred_at >= :start AND a.occurred_at < :end AND a.kind = 'bounced_hard' %1$s),
				  (SELECT count(*) FROM analytics_events a JOIN outbox o ON o.id = a.outbox_id WHERE a.workspace_id = :ws
				       AND a.occurred_at >= :start AND a.occurred_at < :end AND a.kind = 'bounced_soft' %1$s),
				  (SELECT count(*) FROM outbox o WHERE o.workspace_id = :ws AND o.sent_at >= :start AND o.sent_at < :end
				       AND o.failure = 'policy' %1$s),
				  0,
				  (SELECT count(*) FROM (SELECT e.outbox_id, min(e.occurred_at) AS first FROM tracking_events e
				       WHERE e.kind = 'open' AND NOT e.machine GROUP BY e.outbox_id) f JOIN outbox o ON o.id = f.outbox_id
				       WHERE o.workspace_id = :ws %1$s AND f.first >= :start AND f.first < :end),
				  (SELECT count(*) FROM (SELECT e.outbox_id, min(e.occurred_at) AS first FROM tracking_events e
				       WHERE e.kind = 'open' GROUP BY e.outbox_id) f JOIN outbox o ON o.id = f.outbox_id
				       WHERE o.workspace_id = :ws %1$s AND f.first >= :start AND f.first < :end),
				  (SELECT count(*) FROM (SELECT e.outbox_id, min(e.occurred_at) AS first FROM tracking_events e
				       WHERE e.kind = 'click' AND NOT e.machine GROUP BY e.outbox_id) f JOIN outbox o ON o.id = f.outbox_id
				       WHERE o.workspace_id = :ws %1$s AND f.first >= :start AND f.first < :end),
				  (SELECT count(*) FROM analytics_events a JOIN outbox o ON o.id = a.outbox_id WHERE a.workspace_id = :ws
				       AND a.occurred_at >= :start AND a.occurred_at < :end AND a.kind = 'replied' %1$s),
				  (SELECT count(*) FROM analytics_events a JOIN outbox o ON o.id = a.outbox_id WHERE a.workspace_id = :ws
				       AND a.occurred_at >= :start AND a.occurred_at < :end AND a.kind = 'auto_replied' %1$s),
				  (SELECT count(*) FROM analytics_events a JOIN outbox o ON o.id = a.outbox_id WHERE a.workspace_id = :ws
				       AND a.occurred_at >= :start AND a.occurred_at < :end AND a.kind = 'unsubscribed' %1$s),
				  (SELECT count(*) FROM analytics_events a JOIN outbox o ON o.id = a.outbox_id WHERE a.workspace_id = :ws
				       AND a.occurred_at >= :start AND a.occurred_at < :end AND a.kind = 'complained' %1$s),
				  (SELECT count(*) FROM outbox o WHERE o.workspace_id = :ws AND %2$s %1$s
				       AND o.sent_at = (SELECT min(p.sent_at) FROM outbox p WHERE p.enrolment_id = o.enrolment_id
				           AND (p.status = 'sent' OR p.failure IS NOT NULL))
				       AND o.sent_at >= :start AND o.sent_at < :end),
				  (SELECT count(*) FROM (SELECT DISTINCT ON (t.enrolment_id) t.enrolment_id, t.outbox_id, t.occurred_at
				       FROM tracking_events t WHERE t.workspace_id = :ws AND t.kind = 'open' AND NOT t.machine
				       ORDER BY t.enrolment_id, t.occurred_at, t.id) f JOIN outbox o ON o.id = f.outbox_id
				       WHERE f.occurred_at >= :start AND f.occurred_at < :end %1$s),
				  (SELECT count(*) FROM (SELECT DISTINCT ON (t.enrolment_id) t.enrolment_id, t.outbox_id, t.occurred_at
				       FROM tracking_events t WHERE t.workspace_id = :ws AND t.kind = 'click' AND NOT t.machine
				       ORDER BY t.enrolment_id, t.occurred_at, t.id) f JOIN outbox o ON o.id = f.outbox_id
				       WHERE f.occurred_at >= :start AND f.occurred_at < :end %1$s),
				  (SELECT count(*) FROM (SELECT DISTINCT ON (a.enrolment_id) a.enrolment_id, a.outbox_id, a.occurred_at
				       FROM analytics_events a WHERE a.workspace_id = :ws AND a.kind = 'replied'
				       ORDER BY a.enrolment_id, a.occurred_at, a.source_id) f JOIN outbox o ON o.id = f.outbox_id
				       WHERE f.occurred_at >= :start AND f.occurred_at < :end %1$s)
				"""
			.formatted(dims, handed);
		var statement = jdbc.sql(sql)
			.param("ws", account.workspaceId())
			.param("start", Timestamp.from(f.start()))
			.param("end", Timestamp.from(f.end()))
			.param("campaigns", f.campaignIds().toArray(UUID[]::new))
			.param("boxes", boxes == null ? new UUID[0] : boxes.toArray(UUID[]::new));
		return statement.query((rs, i) -> {
			long[] m = new long[16];
			for (int c = 0; c < 16; c++) {
				m[c] = rs.getLong(c + 1);
			}
			return Totals.of(m, 0);
		}).single();
	}

}
