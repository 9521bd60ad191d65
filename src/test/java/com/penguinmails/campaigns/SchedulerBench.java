package com.penguinmails.campaigns;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

/**
 * Benchmark, not a test: one scheduler tick over 1,000,000 due enrolments in 100 running
 * campaigns sharing 5,000 mailboxes (50 each, cap 30, gaps 60-300 s). Prints the tick's
 * time and what it queued; {@code bash bench/scheduler.sh} runs it.
 */
@Tag("bench")
@IntegrationTest
class SchedulerBench {

	static final int ENROLMENTS = Integer.getInteger("bench.enrolments", 1_000_000);

	static final int MAILBOXES = Integer.getInteger("bench.mailboxes", 5_000);

	static final int CAMPAIGNS = 100;

	@Autowired
	CampaignScheduler scheduler;

	@Autowired
	Fixtures fixtures;

	@Autowired
	DataSource dataSource;

	@Test
	void oneTickOverAMillionEnrolments() throws InterruptedException {
		Account account = fixtures.verifiedAccount("bench-scheduler");
		var jdbc = fixtures.jdbc();
		long setup = System.nanoTime();
		jdbc.sql("""
				INSERT INTO mailboxes (id, workspace_id, email, display_name, smtp_host, smtp_port, smtp_security,
				    smtp_username, smtp_password, imap_host, imap_port, imap_security, imap_username, imap_password,
				    daily_cap, min_gap_seconds, max_gap_seconds, created_at)
				SELECT gen_random_uuid(), ?, 'm' || g || '@bench.test', 'Sam Sender', '127.0.0.1', 2525, 'NONE', 'x',
				    '\\x00', '127.0.0.1', 143, 'NONE', 'x', '\\x00', 30, 60, 300, now()
				FROM generate_series(1, ?) g""").params(account.workspaceId(), MAILBOXES).update();
		jdbc.sql(
				"""
						INSERT INTO contacts (id, workspace_id, email, first_name, company)
						SELECT gen_random_uuid(), ?, 'lead' || g || '@company' || (g % 20000) || '.test', 'Lead' || g, 'Co ' || g
						FROM generate_series(1, ?) g""")
			.params(account.workspaceId(), ENROLMENTS)
			.update();
		jdbc.sql(
				"""
						INSERT INTO campaigns (id, workspace_id, name, status, send_days, window_start, window_end, created_at,
						    launched_at)
						SELECT gen_random_uuid(), ?, 'Bench ' || g, 'running', '{1,2,3,4,5,6,7}', '00:00', '23:59:59', now(), now()
						FROM generate_series(1, ?) g""")
			.params(account.workspaceId(), CAMPAIGNS)
			.update();
		jdbc.sql(
				"""
						INSERT INTO campaign_steps (campaign_id, workspace_id, position, delay_minutes, new_thread, variants)
						SELECT id, workspace_id, 0, 0, true,
						    '[{"subject":"{Quick|Short} question, {{ first_name }}","html":"<p>Hi {{ first_name }}, how is {{ company }}?</p>"}]'
						FROM campaigns WHERE workspace_id = ?""")
			.param(account.workspaceId())
			.update();
		jdbc.sql(
				"""
						INSERT INTO campaign_mailboxes (campaign_id, mailbox_id, workspace_id)
						SELECT c.id, m.id, c.workspace_id FROM
						    (SELECT id, workspace_id, row_number() OVER (ORDER BY id) - 1 AS n FROM campaigns WHERE workspace_id = ?) c
						    JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM mailboxes WHERE workspace_id = ?) m
						    ON m.n % ? = c.n""")
			.params(account.workspaceId(), account.workspaceId(), CAMPAIGNS)
			.update();
		jdbc.sql(
				"""
						INSERT INTO enrolments (id, workspace_id, campaign_id, contact_id, next_send_at, created_at, updated_at)
						SELECT gen_random_uuid(), ct.workspace_id, c.id, ct.id, now() - interval '1 minute', now(), now() FROM
						    (SELECT id, workspace_id, row_number() OVER (ORDER BY id) - 1 AS n FROM contacts WHERE workspace_id = ?) ct
						    JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM campaigns WHERE workspace_id = ?) c
						    ON ct.n % ? = c.n""")
			.params(account.workspaceId(), account.workspaceId(), CAMPAIGNS)
			.update();
		jdbc.sql("ANALYZE").update();
		double setupSeconds = (System.nanoTime() - setup) / 1e9;

		Instant now = Instant.now();
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
		FirstRow firstRow = FirstRow.watch(dataSource, account.workspaceId());
		long start = System.nanoTime();
		int queued = scheduler.tick(now);
		double first = (System.nanoTime() - start) / 1e9;
		double firstRowSeconds = firstRow.seconds(start);
		start = System.nanoTime();
		int again = scheduler.tick(now.plusSeconds(5));
		double second = (System.nanoTime() - start) / 1e9;
		start = System.nanoTime();
		int third = scheduler.tick(now.plusSeconds(10));
		double next = (System.nanoTime() - start) / 1e9;
		long peak = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(p -> p.getType() == MemoryType.HEAP)
			.mapToLong(p -> p.getPeakUsage().getUsed())
			.sum();
		System.out.printf("BENCH database: %s; peak heap during the ticks %d MiB (max heap %d MiB)%n",
				fixtures.durability(), peak / 1_048_576, Runtime.getRuntime().maxMemory() / 1_048_576);
		System.out.printf(
				"BENCH scheduler: %d enrolments due in %d campaigns over %d mailboxes (set up in %.0f s); "
						+ "first tick %.2f s queued %d (first outbox row committed %.3f s after the tick began); "
						+ "next ticks (5 s, 10 s later) %.3f s queued %d, %.3f s queued %d%n",
				ENROLMENTS, CAMPAIGNS, MAILBOXES, setupSeconds, first, queued, firstRowSeconds, second, again, next,
				third);
		explain(jdbc, "runningWithDue", """
				SELECT workspace_id, id FROM campaigns c WHERE status = 'running'
				    AND EXISTS (SELECT 1 FROM enrolments e WHERE e.campaign_id = c.id AND e.state = 'active'
				        AND e.next_send_at <= now())""");
		explain(jdbc, "claimDue", """
				SELECT id, contact_id, next_step, mailbox_id, thread_ids, thread_subject FROM enrolments
				WHERE campaign_id = (SELECT id FROM campaigns WHERE workspace_id = '%s' LIMIT 1) AND state = 'active'
				    AND next_send_at <= now() ORDER BY next_send_at LIMIT 500 FOR UPDATE SKIP LOCKED"""
			.formatted(account.workspaceId()));
		explain(jdbc, "pacing", """
				SELECT mailbox_id, count(*) FILTER (WHERE not_before > now() - interval '1 day'), max(not_before)
				FROM outbox WHERE mailbox_id = ANY (ARRAY(SELECT mailbox_id FROM campaign_mailboxes LIMIT 50))
				    AND not_before > now() - interval '2 days' AND status NOT IN ('failed', 'cancelled')
				GROUP BY mailbox_id""");
	}

	/** Prints {@code EXPLAIN (ANALYZE, BUFFERS)} of one of the scheduler's statements. */
	private static void explain(org.springframework.jdbc.core.simple.JdbcClient jdbc, String name, String sql) {
		for (String line : jdbc.sql("EXPLAIN (ANALYZE, BUFFERS) " + sql).query(String.class).list()) {
			System.out.printf("BENCH explain %s | %s%n", name, line);
		}
	}

	/**
	 * Polls, on its own connection, for the first outbox row of the workspace another
	 * transaction committed: how soon the dispatcher could have claimed one.
	 */
	private record FirstRow(Thread thread, AtomicLong at) {

		static FirstRow watch(DataSource dataSource, UUID workspaceId) {
			AtomicLong at = new AtomicLong();
			Thread thread = new Thread(() -> {
				try (Connection connection = dataSource.getConnection();
						PreparedStatement exists = connection
							.prepareStatement("SELECT EXISTS (SELECT 1 FROM outbox WHERE workspace_id = ?)")) {
					exists.setObject(1, workspaceId);
					while (!Thread.currentThread().isInterrupted()) {
						try (ResultSet rs = exists.executeQuery()) {
							if (rs.next() && rs.getBoolean(1)) {
								at.set(System.nanoTime());
								return;
							}
						}
						Thread.sleep(2);
					}
				}
				catch (SQLException | InterruptedException ex) {
					// Not measured.
				}
			}, "bench-first-row");
			thread.start();
			return new FirstRow(thread, at);
		}

		double seconds(long start) throws InterruptedException {
			thread.join(5000);
			thread.interrupt();
			return at.get() == 0 ? Double.NaN : (at.get() - start) / 1e9;
		}

	}

}
