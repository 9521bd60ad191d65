package com.penguinmails.analytics;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.support.BenchTiming;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test: revenue per campaign over 30 days with {@code bench.deals}
 * (20,000) deals in two currencies, their contacts each sent 3 messages by 3 campaigns (5
 * contacts mailed per deal: 300,000 outbox rows), generated in SQL.
 * {@code bash bench/revenue-attribution.sh}.
 */
@Tag("bench")
@IntegrationTest
class RevenueAttributionBench {

	static final int DEALS = Integer.getInteger("bench.deals", 20_000);

	static final int ROUNDS = Integer.getInteger("bench.rounds", 20);

	static final BenchTiming TIMING = new BenchTiming("deals", DEALS, 3, ROUNDS);

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Campaigns campaigns;

	@Autowired
	RevenueAttribution attribution;

	@Autowired
	com.penguinmails.analytics.internal.deals.DealRepository deals;

	@Autowired
	com.penguinmails.delivery.ContactMessages messages;

	@Test
	void revenueOfAMonthOfDeals() throws Exception {
		Account account = fixtures.verifiedAccount("bench-revenue");
		UUID box = mailboxes
			.add(account.owner(),
					new NewMailbox("sender@bench-revenue.test", "S", "sandbox", null, null, "", "", null, null, null))
			.id();
		List<UUID> ids = List.of(
				campaigns.create(account.owner(), new Draft("One", null, null, List.of(box), null)).id(),
				campaigns.create(account.owner(), new Draft("Two", null, null, List.of(box), null)).id(),
				campaigns.create(account.owner(), new Draft("Three", null, null, List.of(box), null)).id());
		long seeding = System.nanoTime();
		seed(account.workspaceId(), ids, box);
		System.out.printf("BENCH seeded %,d deals and %,d outbox rows in %.0f s%n", DEALS, DEALS * 15L,
				(System.nanoTime() - seeding) / 1e9);
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		AnalyticsFilter month = new AnalyticsFilter(today.minusDays(29), today, ZoneOffset.UTC, Set.of(), Set.of(),
				null, null, null, null, null, null);
		RevenueAttribution.Revenue revenue = attribution.revenue(account.owner(), month, AttributionModel.LINEAR);
		assertThat(revenue.totals()).hasSize(2);
		assertThat(revenue.totals().stream().mapToLong(RevenueAttribution.CurrencyTotal::deals).sum()).isEqualTo(DEALS);
		TIMING.measure("RevenueAttribution.revenue (30 days, no HTTP)",
				() -> attribution.revenue(account.owner(), month, AttributionModel.LINEAR));
		parts(account.workspaceId(), month);
		WebSession web = fixtures.signedIn(account);
		TIMING.measure("GET /analytics/revenue (page, rendered, MockMvc)",
				() -> assertThat(web.get("/analytics/revenue").getResponse().getStatus()).isEqualTo(200));
		Runtime runtime = Runtime.getRuntime();
		System.out.printf("BENCH heap used after the runs: %,d MB%n",
				(runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024));
	}

	/** Where the time goes: the deals' read and one batch's touches. */
	private void parts(UUID ws, AnalyticsFilter month) throws Exception {
		List<com.penguinmails.analytics.internal.deals.DealRepository.Closed> batch = deals.closed(ws, month.start(),
				month.end(), null, null, RevenueAttribution.BATCH);
		TIMING.measure("  DealRepository.closed (one batch)",
				() -> deals.closed(ws, month.start(), month.end(), null, null, RevenueAttribution.BATCH));
		List<UUID> contacts = batch.stream().map(d -> d.contactId()).toList();
		java.time.Instant before = month.end();
		TIMING.measure("  ContactMessages.campaignTouches (one batch of contacts)",
				() -> messages.campaignTouches(ws, contacts, before));
		fixtures.jdbc()
			.sql("""
					EXPLAIN (ANALYZE, BUFFERS) SELECT contact_id, campaign_id, sent_at FROM outbox
					WHERE contact_id = ANY (?) AND workspace_id = ? AND campaign_id IS NOT NULL AND status = 'sent'
					AND sent_at < ? ORDER BY contact_id, sent_at, id""")
			.params(contacts.toArray(UUID[]::new), ws, java.sql.Timestamp.from(before))
			.query(String.class)
			.list()
			.stream()
			.filter(line -> !line.contains("Index Cond"))
			.forEach(line -> System.out.println("BENCH     " + line));
	}

	/**
	 * Deal {@code d} is with contact {@code d * 5}; contacts {@code c} get a message of
	 * each campaign, at days 40, 25 and 10 before now (shifted by their number).
	 */
	private void seed(UUID workspace, List<UUID> campaignIds, UUID box) {
		var jdbc = fixtures.jdbc();
		jdbc.sql("""
				INSERT INTO outbox (id, workspace_id, campaign_id, step, variant, mailbox_id, contact_id, to_address,
				    to_domain, subject, html, text, message_id, status, not_before, created_at, sent_at)
				SELECT gen_random_uuid(), ?, (ARRAY[?, ?, ?]::uuid[])[g % 3 + 1], 0, 0, ?,
				    ('00000000-0000-4000-8000-' || lpad(to_hex(g / 3), 12, '0'))::uuid,
				    'person' || (g / 3) || '@client.test', 'client.test', 'Hello', '<p>Hi</p>', 'Hi',
				    '<' || g || '.' || gen_random_uuid() || '@bench.test>', 'sent',
				    now() - interval '40 days' + (g % 3) * interval '15 days',
				    now() - interval '40 days' + (g % 3) * interval '15 days',
				    now() - interval '40 days' + (g % 3) * interval '15 days' + (g / 3 % 86400) * interval '1 second'
				FROM generate_series(0, ? * 15 - 1) g""")
			.params(workspace, campaignIds.get(0), campaignIds.get(1), campaignIds.get(2), box, DEALS)
			.update();
		jdbc.sql(
				"""
						INSERT INTO deals (id, workspace_id, contact_id, email, name, amount, currency, closed_at, source,
						    created_at, updated_at)
						SELECT gen_random_uuid(), ?, ('00000000-0000-4000-8000-' || lpad(to_hex(d * 5), 12, '0'))::uuid,
						    'person' || (d * 5) || '@client.test', 'Plan', 100 + d % 900, CASE WHEN d % 4 = 0 THEN 'USD' ELSE 'EUR' END,
						    now() - (d % 28) * interval '1 day', 'api', now(), now()
						FROM generate_series(0, ? - 1) d""")
			.params(workspace, DEALS)
			.update();
		jdbc.sql("VACUUM ANALYZE outbox").update();
		jdbc.sql("VACUUM ANALYZE deals").update();
	}

}
