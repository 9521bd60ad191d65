package com.penguinmails.warmup;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.helper.BasicMessageListener;
import org.subethamail.smtp.server.SMTPServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.penguinmails.shared.Secrets;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

/**
 * Benchmark, not a test: a pool tick for 5,000 warmup mailboxes (10 workspaces sharing
 * their pool, 500 domains, 8 providers), each on ramp day 10 of the standard preset (21
 * new threads). Plans the day (about 105,000 messages) and prints its time and peak heap;
 * then sends what one minute of the day makes due (a tick of the loop) and a larger batch
 * for the sustained rate, to an SMTP sink on loopback (SubEthaSMTP, discarding). {@code
 * bash bench/warmup-pool.sh} runs it.
 */
@Tag("bench")
@IntegrationTest
class WarmupPoolBench {

	static final int MAILBOXES = Integer.getInteger("bench.mailboxes", 5_000);

	static final int SENT = Integer.getInteger("bench.sent", 20_000);

	static final String[] PROVIDERS = { "imap.gmail.com", "outlook.office365.com", "imap.mail.yahoo.com",
			"imap.zoho.com", "imap.fastmail.com", "imap.mail.me.com", "imap.gmx.net", "imap.ionos.de" };

	@Autowired
	WarmupPool pool;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Secrets secrets;

	@Autowired
	JdbcTemplate template;

	@Test
	void planAndSendADayForFiveThousandMailboxes() throws Exception {
		AtomicLong received = new AtomicLong();
		SMTPServer sink = SMTPServer.port(0)
			.bindAddress(InetAddress.getLoopbackAddress())
			.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
			}))
			.messageHandler(new BasicMessageListener() {
				@Override
				public void messageArrived(MessageContext context, String from, String to, byte[] data) {
					received.incrementAndGet();
				}
			})
			.maxConnections(100)
			.build();
		sink.start();
		try {
			fixtures.jdbc().sql("UPDATE warmup_mailboxes SET enabled = false").update();
			LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(500);
			long setup = System.nanoTime();
			setUp(sink.getPortAllocated(), day.minusDays(9));
			double setupSeconds = (System.nanoTime() - setup) / 1e9;

			resetPeaks();
			long start = System.nanoTime();
			int planned = pool.planDay(day, day.atStartOfDay(ZoneOffset.UTC).toInstant());
			double planSeconds = (System.nanoTime() - start) / 1e9;
			long planHeap = peakHeap();

			resetPeaks();
			Instant firstMinute = day.atTime(8, 1).toInstant(ZoneOffset.UTC);
			start = System.nanoTime();
			int tick = pool.sendDue(firstMinute, 10_000);
			double tickSeconds = (System.nanoTime() - start) / 1e9;

			start = System.nanoTime();
			int sent = 0;
			for (int round; sent < SENT && (round = pool.sendDue(day.atTime(23, 0).toInstant(ZoneOffset.UTC),
					Math.min(2_000, SENT - sent))) > 0;) {
				sent += round;
			}
			double sendSeconds = (System.nanoTime() - start) / 1e9;
			long sendHeap = peakHeap();
			System.out.printf("BENCH database: %s%n", fixtures.durability());
			System.out.printf(
					"BENCH warmup plan: %d mailboxes (set up in %.0f s) planned %d messages in %.2f s; peak heap %d MiB "
							+ "(max heap %d MiB)%n",
					MAILBOXES, setupSeconds, planned, planSeconds, planHeap / 1_048_576,
					Runtime.getRuntime().maxMemory() / 1_048_576);
			System.out.printf(
					"BENCH warmup send: one tick (due in the first minute of the window) sent %d in %.2f s; then %d in "
							+ "%.1f s = %.0f messages/s (unsigned, to the sink: %d received); peak heap %d MiB%n",
					tick, tickSeconds, sent, sendSeconds, sent / sendSeconds, received.get(), sendHeap / 1_048_576);
		}
		finally {
			sink.stop();
		}
	}

	private void setUp(int smtpPort, LocalDate startedOn) {
		List<Account> accounts = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			Account account = fixtures.verifiedAccount("bench-warmup-" + i);
			fixtures.jdbc()
				.sql("INSERT INTO warmup_workspaces (workspace_id, shared_pool) VALUES (?, true)")
				.param(account.workspaceId())
				.update();
			accounts.add(account);
		}
		UUID[] workspaces = accounts.stream().map(Account::workspaceId).toArray(UUID[]::new);
		List<UUID> ids = fixtures.jdbc().sql("""
				INSERT INTO mailboxes (id, workspace_id, email, display_name, smtp_host, smtp_port, smtp_security,
				    smtp_username, smtp_password, imap_host, imap_port, imap_security, imap_username, imap_password,
				    daily_cap, min_gap_seconds, max_gap_seconds, created_at)
				SELECT gen_random_uuid(), (?::uuid[])[1 + g % 10], 'm' || g || '@d' || (g % 500) || '.bench.test',
				    'Sam ' || g, '127.0.0.1', ?, 'NONE', 'x', '\\x00', (?::text[])[1 + g % 8], 993, 'TLS', 'x', '\\x00',
				    30, 60, 300, now()
				FROM generate_series(1, ?) g
				RETURNING id""").params(workspaces, smtpPort, PROVIDERS, MAILBOXES).query(UUID.class).list();
		template.batchUpdate("UPDATE mailboxes SET smtp_password = ?, imap_password = ? WHERE id = ?", ids, 1000,
				(ps, id) -> {
					ps.setBytes(1, secrets.encrypt("x", "mailbox:smtp:" + id));
					ps.setBytes(2, secrets.encrypt("x", "mailbox:imap:" + id));
					ps.setObject(3, id);
				});
		fixtures.jdbc()
			.sql("""
					INSERT INTO warmup_mailboxes (mailbox_id, workspace_id, enabled, preset, start_per_day, increase_per_day,
					    max_per_day, reply_rate_percent, started_on)
					SELECT id, workspace_id, true, 'standard', 3, 2, 40, 30, ? FROM mailboxes WHERE id = ANY (?)""")
			.params(Date.valueOf(startedOn), ids.toArray(UUID[]::new))
			.update();
		fixtures.jdbc().sql("ANALYZE").update();
	}

	private static void resetPeaks() {
		System.gc();
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	private static long peakHeap() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(p -> p.getType() == MemoryType.HEAP)
			.mapToLong(p -> p.getPeakUsage().getUsed())
			.sum();
	}

}
