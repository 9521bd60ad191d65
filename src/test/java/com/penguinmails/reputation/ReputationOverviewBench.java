package com.penguinmails.reputation;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.support.BenchTiming;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test: the reputation overview and the daily scoring of a workspace
 * with {@code bench.mailboxes} (200) mailboxes on 20 domains and {@code bench.messages}
 * (300,000) messages sent over the last 14 days, 2% refused at SMTP time: the overview's
 * data ({@link ReputationTimeline#overview}), {@code GET /reputation} rendered, one
 * domain's 30-day timeline, and {@link ReputationTimeline#scoreDay} (every subject of the
 * workspace, as the scheduled scoring runs it).
 * {@code bash bench/reputation-overview.sh}.
 */
@Tag("bench")
@IntegrationTest
class ReputationOverviewBench {

	static final int MAILBOXES = Integer.getInteger("bench.mailboxes", 200);

	static final int MESSAGES = Integer.getInteger("bench.messages", 300_000);

	static final BenchTiming TIMING = new BenchTiming("mailboxes", MAILBOXES, Integer.getInteger("bench.warmups", 3),
			Integer.getInteger("bench.rounds", 15));

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	ReputationTimeline timeline;

	@Test
	void theOverviewOfAWorkspaceWithTwoHundredMailboxes() throws Exception {
		Account account = fixtures.verifiedAccount("bench-reputation");
		UUID workspace = account.workspaceId();
		List<UUID> boxes = new ArrayList<>();
		for (int i = 0; i < MAILBOXES; i++) {
			boxes.add(
					mailboxes
						.add(account.owner(),
								new NewMailbox("sender" + i + "@domain" + (i % 20) + ".bench-rep.test", "S", "sandbox",
										null, null, "", "", null, null, null))
						.id());
		}
		long seeding = System.nanoTime();
		fixtures.jdbc()
			.sql("""
					INSERT INTO outbox (id, workspace_id, mailbox_id, to_address, to_domain, subject, html, text,
					    message_id, status, smtp_reply, failure, not_before, created_at, sent_at, last_attempt_at)
					SELECT gen_random_uuid(), ?, (?::uuid[])[1 + g % ?], 'person' || g || '@client' || (g % 500) || '.test',
					    'client' || (g % 500) || '.test', 'Hello', '', '', '<' || g || '.' || gen_random_uuid() || '@bench.test>',
					    CASE WHEN g % 50 = 0 THEN 'failed' ELSE 'sent' END,
					    CASE WHEN g % 50 = 0 THEN '550 5.7.1 Service unavailable; client host blocked using zen.spamhaus.org'
					         ELSE '250 2.0.0 Ok' END,
					    CASE WHEN g % 50 = 0 THEN 'refused' END,
					    now() - (g % 14) * interval '1 day', now() - (g % 14) * interval '1 day',
					    CASE WHEN g % 50 = 0 THEN NULL ELSE now() - (g % 14) * interval '1 day' END,
					    now() - (g % 14) * interval '1 day'
					FROM generate_series(1, ?) g""")
			.params(workspace, boxes.toArray(UUID[]::new), MAILBOXES, MESSAGES)
			.update();
		fixtures.jdbc().sql("ANALYZE outbox").update();
		System.out.printf("BENCH seeded %,d mailboxes and %,d messages in %.0f s%n", MAILBOXES, MESSAGES,
				(System.nanoTime() - seeding) / 1e9);

		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		assertThat(timeline.overview(account.owner(), today)).hasSizeGreaterThan(MAILBOXES);
		resetPeaks();
		TIMING.measure("ReputationTimeline.overview (every domain, IP and mailbox, no HTTP)",
				() -> timeline.overview(account.owner(), today));
		WebSession web = fixtures.signedIn(account);
		TIMING.measure("GET /reputation (rendered, MockMvc)",
				() -> assertThat(web.get("/reputation").getResponse().getStatus()).isEqualTo(200));
		TIMING.measure("GET /reputation/domain/domain0.bench-rep.test (30 days, rendered)",
				() -> assertThat(web.get("/reputation/domain/domain0.bench-rep.test").getResponse().getStatus())
					.isEqualTo(200));
		TIMING.measure("ReputationTimeline.scoreDay (every subject, stored)",
				() -> timeline.scoreDay(workspace, today.minusDays(1), java.time.Instant.now()));
		System.out.printf("BENCH peak heap %.0f MiB%n", peakHeapMiB());
	}

	private static void resetPeaks() {
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	private static double peakHeapMiB() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.mapToLong(pool -> pool.getPeakUsage().getUsed())
			.sum() / 1024.0 / 1024.0;
	}

}
