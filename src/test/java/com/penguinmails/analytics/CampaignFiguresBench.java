package com.penguinmails.analytics;

import java.util.List;
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
 * Benchmark, not a test: a campaign's figures and who-did-what list with
 * {@code bench.recipients} (100,000) recipients, each sent 3 steps, 40 % opening (a
 * quarter of them through mail proxies), 5 % clicking, 3 % replying, 2 % bounced.
 * {@code bash bench/campaign-figures.sh}.
 */
@Tag("bench")
@IntegrationTest
class CampaignFiguresBench {

	static final int RECIPIENTS = Integer.getInteger("bench.recipients", 100_000);

	static final int ROUNDS = Integer.getInteger("bench.rounds", 50);

	/** Timings of {@link #ROUNDS} calls after 5 to warm up. */
	static final BenchTiming TIMING = new BenchTiming("recipients", RECIPIENTS, 5, ROUNDS);

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Campaigns campaigns;

	@Autowired
	CampaignStats stats;

	@Autowired
	com.penguinmails.delivery.Outbox outbox;

	@Autowired
	com.penguinmails.delivery.CampaignReach reach;

	@Autowired
	com.penguinmails.tracking.TrackingStats tracking;

	@Autowired
	com.penguinmails.tracking.CampaignEngagement engagement;

	@Autowired
	ChartSeries chart;

	@Test
	void figuresOfAHundredThousandRecipientCampaign() throws Exception {
		Account account = fixtures.verifiedAccount("bench-figures");
		UUID box = mailboxes
			.add(account.owner(),
					new NewMailbox("sender@bench-figures.test", "S", "sandbox", null, null, "", "", null, null, null))
			.id();
		UUID campaign = campaigns.create(account.owner(), new Draft("Big", null, null, List.of(box), null)).id();
		long seeding = System.nanoTime();
		seed(account.workspaceId(), campaign, box);
		System.out.printf("BENCH seeded %,d recipients in %.0f s%n", RECIPIENTS, (System.nanoTime() - seeding) / 1e9);
		report("CampaignStats.of (the figures, no HTTP)", time(() -> stats.of(account.owner(), campaign)));
		sources(account.workspaceId(), campaign);
		WebSession web = fixtures.signedIn(account);
		report("GET /campaigns/{id}/stats (panel, rendered, MockMvc)",
				time(() -> assertThat(web.get("/campaigns/" + campaign + "/stats").getResponse().getStatus())
					.isEqualTo(200)));
		report("GET /campaigns/{id}/recipients?event=opened&human=true (first page)", time(() -> assertThat(
				web.get("/campaigns/" + campaign + "/recipients?event=opened&human=true").getResponse().getStatus())
			.isEqualTo(200)));
		report("GET /campaigns/{id}/recipients?event=delivered (first page)",
				time(() -> assertThat(
						web.get("/campaigns/" + campaign + "/recipients?event=delivered").getResponse().getStatus())
					.isEqualTo(200)));
	}

	/** Where the figures' time goes: each source's query on its own. */
	private void sources(UUID ws, UUID campaign) throws Exception {
		report("  Outbox.outcomesPerHour (figures and chart)", time(() -> outbox.outcomesPerHour(ws, campaign)));
		report("  CampaignReach.people", time(() -> reach.people(ws, campaign)));
		explain(ws, campaign);
		report("  TrackingStats.counts", time(() -> tracking.counts(ws, campaign)));
		report("  TrackingStats.devices", time(() -> tracking.devices(ws, campaign)));
		report("  CampaignEngagement.people", time(() -> engagement.people(ws, campaign)));
		report("  ChartSeries.hours (tracking, replies per hour)",
				time(() -> chart.hours(ws, campaign, java.util.Map.of())));
	}

	/**
	 * The plans of the outbox's two reads (the costliest sources): outcomes per step and
	 * hour, and the per-person reach count.
	 */
	private void explain(UUID ws, UUID campaign) {
		for (String sql : List.of("""
				SELECT step, variant, date_bin(INTERVAL '1 hour', sent_at, TIMESTAMPTZ '1970-01-01 00:00:00+00'),
				    count(*) FILTER (WHERE status = 'sent'), count(*) FILTER (WHERE status = 'failed')
				FROM outbox WHERE workspace_id = ? AND campaign_id = ? AND status IN ('sent', 'failed')
				GROUP BY 1, 2, 3""", """
				SELECT count(DISTINCT enrolment_id) FILTER (WHERE status = 'sent' OR failure IS NOT NULL),
				    count(DISTINCT enrolment_id) FILTER (WHERE status = 'failed' AND failure IS NOT NULL)
				FROM outbox WHERE workspace_id = ? AND campaign_id = ? AND status IN ('sent', 'failed')
				    AND enrolment_id IS NOT NULL""")) {
			fixtures.jdbc()
				.sql("EXPLAIN (ANALYZE, BUFFERS) " + sql)
				.params(ws, campaign)
				.query(String.class)
				.list()
				.forEach(line -> System.out.println("BENCH     " + line));
		}
	}

	private void seed(UUID workspace, UUID campaign, UUID box) {
		var jdbc = fixtures.jdbc();
		jdbc.sql("""
				INSERT INTO outbox (id, workspace_id, campaign_id, enrolment_id, step, variant, mailbox_id, to_address,
				    to_domain, subject, html, text, message_id, status, failure, not_before, created_at, sent_at)
				SELECT gen_random_uuid(), ?, ?, ('00000000-0000-4000-8000-' || lpad(to_hex(g / 3), 12, '0'))::uuid,
				    g % 3, 0, ?, 'person' || (g / 3) || '@client.test', 'client.test', 'Hello',
				    '<p>' || repeat('We help teams like yours book more meetings. ', 25) || '</p>',
				    repeat('We help teams like yours book more meetings. ', 25),
				    '<' || g || '.' || gen_random_uuid() || '@bench.test>',
				    CASE WHEN (g / 3) % 50 = 0 AND g % 3 = 0 THEN 'failed' ELSE 'sent' END,
				    CASE WHEN (g / 3) % 50 = 0 AND g % 3 = 0 THEN 'hard_bounce' END,
				    now() - interval '20 days' + (g % 3) * interval '3 days',
				    now() - interval '20 days' + (g % 3) * interval '3 days',
				    now() - interval '20 days' + (g % 3) * interval '3 days' + (g % 3600) * interval '1 second'
				FROM generate_series(0, ? * 3 - 1) g""").params(workspace, campaign, box, RECIPIENTS).update();
		jdbc.sql(
				"""
						INSERT INTO tracking_events (id, workspace_id, campaign_id, enrolment_id, outbox_id, step, variant, kind,
						    url, occurred_at, machine, client)
						SELECT gen_random_uuid(), workspace_id, campaign_id, enrolment_id, id, step, variant,
						    CASE WHEN abs(hashtext(id::text)) % 8 = 0 THEN 'click' ELSE 'open' END,
						    CASE WHEN abs(hashtext(id::text)) % 8 = 0 THEN 'https://example.test/' END,
						    sent_at + interval '2 hours', abs(hashtext(id::text)) % 4 = 1, 'Gmail'
						FROM outbox WHERE campaign_id = ? AND status = 'sent' AND abs(hashtext(id::text)) % 10 < 4""")
			.param(campaign)
			.update();
		jdbc.sql(
				"""
						INSERT INTO analytics_events (source_id, workspace_id, campaign_id, step, variant, outbox_id, kind,
						    occurred_at, enrolment_id)
						SELECT 'bench-' || id, workspace_id, campaign_id, step, variant, id, 'replied', sent_at + interval '1 day',
						    enrolment_id
						FROM outbox WHERE campaign_id = ? AND step = 1 AND abs(hashtext(id::text)) % 33 = 0""")
			.param(campaign)
			.update();
		// As autovacuum leaves tables after bulk inserts (visibility map set: index-only
		// scans).
		jdbc.sql("VACUUM ANALYZE outbox").update();
		jdbc.sql("VACUUM ANALYZE tracking_events").update();
		jdbc.sql("VACUUM ANALYZE analytics_events").update();
	}

	/** {@link #TIMING}'s timings of {@code call}. */
	private static double[] time(BenchTiming.Call call) throws Exception {
		return TIMING.time(call);
	}

	private static void report(String what, double[] sorted) {
		TIMING.report(what, sorted);
	}

}
