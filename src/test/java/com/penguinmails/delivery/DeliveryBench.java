package com.penguinmails.delivery;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.time.Instant;
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

import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

/**
 * Benchmark, not a test: 100,000 DKIM-signed messages from the outbox to an SMTP sink on
 * loopback (SubEthaSMTP, reading and discarding each message), through the dispatcher as
 * it runs in production. Prints messages/s and the peak heap; {@code bash
 * bench/delivery.sh} runs it with {@code -Xmx512m} beside {@code openssl speed rsa2048}.
 */
@Tag("bench")
@IntegrationTest
class DeliveryBench {

	static final int MESSAGES = Integer.getInteger("bench.messages", 100_000);

	static final int MAILBOXES = Integer.getInteger("bench.mailboxes", 20);

	/**
	 * An SMTP sink already listening on loopback (Postfix's smtp-sink, see
	 * bench/delivery-smtp-sink.sh), or 0 to start SubEthaSMTP in this JVM.
	 */
	static final int SINK_PORT = Integer.getInteger("bench.sinkPort", 0);

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	Domains domains;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Fixtures fixtures;

	@Test
	void sendAHundredThousandSignedMessages() throws Exception {
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
		if (SINK_PORT == 0) {
			sink.start();
		}
		int port = SINK_PORT == 0 ? sink.getPortAllocated() : SINK_PORT;
		try {
			Account account = fixtures.verifiedAccount("bench-delivery");
			String domain = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
			domains.add(account.owner(), new NewDomain(domain, false, "", ""));
			List<Mailbox> pool = new ArrayList<>();
			for (int i = 0; i < MAILBOXES; i++) {
				// smtp-sink's AUTH answer (250, not 235) is no login: its mailboxes need
				// none.
				pool.add(
						SINK_PORT == 0
								? Senders.mailbox(mailboxes, account.owner(), "sender" + i + "@" + domain,
										"Sender " + i, port, "", "")
								: mailboxes
									.add(account.owner(),
											new NewMailbox("sender" + i + "@" + domain, "Sender " + i, "generic",
													new ServerSettings("127.0.0.1", port, Security.NONE, "", ""),
													new ServerSettings("127.0.0.1", 1143, Security.NONE,
															Senders.SMTP_LOGIN, Senders.SMTP_PASSWORD),
													"", "", 1000, 0, 0, false)));
			}
			// The outbox filled in one statement: ~1 KB personalised HTML each, spread
			// over the pool.
			UUID[] ids = pool.stream().map(Mailbox::id).toArray(UUID[]::new);
			fixtures.jdbc()
				.sql("""
						INSERT INTO outbox (id, workspace_id, campaign_id, enrolment_id, step, mailbox_id, to_address,
						    to_domain, to_name, subject, html, text, message_id, not_before, created_at)
						SELECT gen_random_uuid(), ?, NULL, gen_random_uuid(), 0, (?::uuid[])[1 + g % ?],
						    'lead' || g || '@client' || (g % 500) || '.test', 'client' || (g % 500) || '.test',
						    'Lead ' || g, 'Quick question, Lead ' || g,
						    '<p>Hi Lead ' || g || ',</p><p>' || repeat('We help teams send personal email from their own domains. ', 15) || '</p>',
						    'Hi Lead ' || g, '<' || gen_random_uuid() || '@' || ? || '>', now() - interval '1 minute', now()
						FROM generate_series(1, ?) g""")
				.params(account.workspaceId(), ids, MAILBOXES, domain, MESSAGES)
				.update();
			for (MemoryPoolMXBean pool1 : ManagementFactory.getMemoryPoolMXBeans()) {
				pool1.resetPeakUsage();
			}
			var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
			long cpuStart = os.getProcessCpuTime();
			long start = System.nanoTime();
			long sent = 0;
			int claimed;
			do {
				claimed = dispatcher.dispatch(Instant.now(), 1000);
				sent += claimed;
			}
			while (claimed > 0);
			double seconds = (System.nanoTime() - start) / 1e9;
			double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
			long peak = ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter(p -> p.getType() == MemoryType.HEAP)
				.mapToLong(p -> p.getPeakUsage().getUsed())
				.sum();
			long signed = fixtures.jdbc()
				.sql("SELECT count(*) FROM outbox WHERE workspace_id = ? AND status = 'sent' AND note IS NULL")
				.param(account.workspaceId())
				.query(Long.class)
				.single();
			System.out.printf("BENCH database: %s%n", fixtures.durability());
			System.out.printf(
					"BENCH delivery: %d messages (%d mailboxes) outbox -> SMTP sink in %.1f s = %.0f messages/s; "
							+ "sink %s, sent and DKIM-signed %d; peak heap %d MiB (max heap %d MiB)%n",
					sent, MAILBOXES, seconds, sent / seconds,
					SINK_PORT == 0 ? "received " + received.get() : "on port " + SINK_PORT + " (it counts)", signed,
					peak / 1_048_576, Runtime.getRuntime().maxMemory() / 1_048_576);
			// CPU time of this JVM (dispatcher and, in-process, the sink; PostgreSQL is
			// another process): comparable between runs on a loaded machine, where the
			// wall clock is not.
			System.out.printf("BENCH delivery CPU: %.1f s of JVM CPU = %.2f ms per message (%d cores, load %.1f)%n",
					cpuSeconds, cpuSeconds * 1000 / Math.max(1, sent), Runtime.getRuntime().availableProcessors(),
					os.getSystemLoadAverage());
		}
		finally {
			if (SINK_PORT == 0) {
				sink.stop();
			}
		}
	}

}
