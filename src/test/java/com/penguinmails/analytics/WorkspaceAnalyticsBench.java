package com.penguinmails.analytics;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.penguinmails.analytics.internal.rollup.RollupStore;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.reputation.RecipientProvider;
import com.penguinmails.support.BenchTiming;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

/**
 * Benchmark, not a test: workspace analytics with {@code bench.events} (10,000,000) raw
 * events over a year in one workspace (sends, opens, clicks, replies, bounces,
 * unsubscribes, complaints: {@link RollupFixture} at scale), the rollups rebuilt from
 * them, then every view timed over 30 and 365 days, unfiltered and filtered, with the
 * JVM's peak heap. {@code bash bench/analytics.sh}.
 */
@Tag("bench")
@IntegrationTest
class WorkspaceAnalyticsBench {

	static final long EVENTS = Long.getLong("bench.events", 10_000_000L);

	static final int ROUNDS = Integer.getInteger("bench.rounds", 20);

	/**
	 * Raw events the fixture writes per recipient, measured (sends, opens, clicks...).
	 */
	static final double EVENTS_PER_PERSON = 4.35;

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
	WorkspaceEvents events;

	@Autowired
	DataSource dataSource;

	@Test
	void everyViewOverAYearOfTenMillionEvents() throws Exception {
		Account account = fixtures.verifiedAccount("bench-analytics");
		var jdbc = fixtures.jdbc();
		int people = (int) (EVENTS / EVENTS_PER_PERSON);
		Instant start = Instant.now().minus(362, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
		long seeding = System.nanoTime();
		List<String> indexes = dropSecondaryIndexes(jdbc);
		RollupFixture.Seeded seeded = RollupFixture.seed(jdbc, mailboxes, campaigns, account, "bench", people, start,
				355);
		System.out.printf("BENCH   rows written in %.0f s%n", (System.nanoTime() - seeding) / 1e9);
		long indexing = System.nanoTime();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("SET maintenance_work_mem = '512MB'");
			for (String index : indexes) {
				statement.execute(index);
			}
		}
		System.out.printf("BENCH   %d indexes built again in %.0f s%n", indexes.size(),
				(System.nanoTime() - indexing) / 1e9);
		long events = jdbc.sql("""
				SELECT (SELECT count(*) FROM outbox WHERE workspace_id = ?)
				    + (SELECT count(*) FROM tracking_events WHERE workspace_id = ?)
				    + (SELECT count(*) FROM analytics_events WHERE workspace_id = ?)""")
			.params(account.workspaceId(), account.workspaceId(), account.workspaceId())
			.query(Long.class)
			.single();
		jdbc.sql("VACUUM ANALYZE outbox").update();
		jdbc.sql("VACUUM ANALYZE tracking_events").update();
		jdbc.sql("VACUUM ANALYZE analytics_events").update();
		System.out.printf("BENCH seeded %,d raw events (%,d recipients) in %.0f s%n", events, people,
				(System.nanoTime() - seeding) / 1e9);
		long rebuilding = System.nanoTime();
		long hours = rollups.markAll(account.workspaceId());
		rollups.refreshAll();
		System.out.printf("BENCH rebuilt the rollups (%,d hours) in %.0f s%n", hours,
				(System.nanoTime() - rebuilding) / 1e9);
		jdbc.sql("VACUUM ANALYZE analytics_hourly").update();
		jdbc.sql("VACUUM ANALYZE analytics_day_campaign").update();
		jdbc.sql("VACUUM ANALYZE analytics_day_mailbox").update();
		jdbc.sql("VACUUM ANALYZE analytics_hourly_slots").update();
		for (String table : new String[] { "analytics_hourly", "analytics_day_campaign", "analytics_day_mailbox",
				"analytics_hourly_slots" }) {
			System.out.printf("BENCH   %s: %,d rows%n", table,
					jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single());
		}
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			pool.resetPeakUsage();
		}
		BenchTiming timing = new BenchTiming("raw events", events, 3, ROUNDS);
		ZoneId zone = rollups.rollupZone(account.workspaceId());
		LocalDate today = LocalDate.now(zone);
		var owner = account.owner();
		AnalyticsFilter month = AnalyticsFilter.lastDays(30, today, zone);
		AnalyticsFilter year = AnalyticsFilter.lastDays(365, today, zone);
		AnalyticsFilter campaign = with(year, Set.of(seeded.campaignA()), Set.of(), null, null);
		AnalyticsFilter mailbox = with(year, Set.of(), Set.of(seeded.boxA()), null, null);
		AnalyticsFilter providerAndMailbox = with(year, Set.of(), Set.of(seeded.boxC()), RecipientProvider.GOOGLE,
				null);
		AnalyticsFilter otherZone = new AnalyticsFilter(year.from(), year.to(), ZoneId.of("Asia/Kolkata"), Set.of(),
				Set.of(), null, null, null, null, null, null);
		for (var named : new Object[][] { { "30 days", month }, { "365 days", year },
				{ "365 days, one campaign", campaign }, { "365 days, one mailbox", mailbox } }) {
			AnalyticsFilter f = (AnalyticsFilter) named[1];
			String what = (String) named[0];
			timing.report("overview (" + what + ")", timing.time(() -> analytics.overview(owner, f)));
			timing.report("funnel (" + what + ")", timing.time(() -> analytics.funnel(owner, f)));
			timing.report("heatmap (" + what + ")", timing.time(() -> analytics.heatmap(owner, f)));
			timing.report("mailboxes (" + what + ")", timing.time(() -> analytics.mailboxes(owner, f)));
			timing.report("domains (" + what + ")", timing.time(() -> analytics.domains(owner, f)));
			timing.report("providers (" + what + ")", timing.time(() -> analytics.providers(owner, f)));
			timing.report("campaigns (" + what + ")", timing.time(() -> analytics.campaigns(owner, f)));
			timing.report("variants (" + what + ")", timing.time(() -> analytics.variants(owner, f)));
		}
		timing.report("overview (365 days, mailbox and provider: hourly rows)",
				timing.time(() -> analytics.overview(owner, providerAndMailbox)));
		timing.report("overview (365 days, another time zone: hourly rows)",
				timing.time(() -> analytics.overview(owner, otherZone)));
		timing.report("events, first page of opens (365 days)",
				timing.time(() -> this.events.page(owner, year, "opened", true, null, 100)));
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		System.out.printf("BENCH peak heap while timing the views: %,d MiB (max %,d MiB)%n", peak >> 20,
				Runtime.getRuntime().maxMemory() >> 20);
	}

	/**
	 * Drops the raw tables' secondary indexes (not those behind a constraint) and returns
	 * their definitions: building each once over millions of rows is many times faster
	 * than maintaining fourteen of them row by row while the year is written.
	 */
	private static List<String> dropSecondaryIndexes(JdbcClient jdbc) {
		List<String[]> indexes = jdbc.sql("""
				SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x
				JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
				WHERE t.relname IN ('outbox', 'tracking_events', 'analytics_events', 'contacts')
				    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)""")
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
			.list();
		for (String[] index : indexes) {
			jdbc.sql("DROP INDEX " + index[0]).update();
		}
		return indexes.stream().map((index) -> index[1]).toList();
	}

	private static AnalyticsFilter with(AnalyticsFilter f, Set<java.util.UUID> campaignIds,
			Set<java.util.UUID> mailboxIds, RecipientProvider provider, Integer step) {
		return new AnalyticsFilter(f.from(), f.to(), f.zone(), campaignIds, mailboxIds, null, step, null, provider,
				null, null);
	}

}
