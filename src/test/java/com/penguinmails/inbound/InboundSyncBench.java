package com.penguinmails.inbound;

import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static com.penguinmails.inbound.InboundFixtures.message;

/**
 * Benchmark, not a test: the first sync of a mailbox holding 10,000 messages (GreenMail's
 * IMAP over loopback: replies with quoted text, auto-replies, bounces), then an
 * incremental sync with nothing new, then one with 100 new.
 * {@code bash bench/imap-sync.sh}.
 */
@Tag("bench")
@IntegrationTest
class InboundSyncBench {

	static final int MESSAGES = Integer.getInteger("bench.messages", 10_000);

	@Autowired
	InboundFixtures setup;

	@Autowired
	InboundSync sync;

	@Autowired
	Fixtures fixtures;

	@Test
	void firstAndIncrementalSyncs() throws Exception {
		Sender sender = setup.sender("bench-imap");
		String quoted = "> " + "We help teams like yours cut onboarding time in half. ".repeat(40);
		long load = System.nanoTime();
		deliver(sender, 0, MESSAGES, quoted);
		double loadSeconds = (System.nanoTime() - load) / 1e9;
		UUID workspace = sender.account().workspaceId();

		long first = System.nanoTime();
		InboundSync.Result all = sync.sync(workspace, sender.mailbox().id());
		double firstSeconds = (System.nanoTime() - first) / 1e9;

		long again = System.nanoTime();
		InboundSync.Result none = sync.sync(workspace, sender.mailbox().id());
		double againSeconds = (System.nanoTime() - again) / 1e9;

		deliver(sender, MESSAGES, 100, quoted);
		long more = System.nanoTime();
		InboundSync.Result hundred = sync.sync(workspace, sender.mailbox().id());
		double moreSeconds = (System.nanoTime() - more) / 1e9;

		long bytes = fixtures.jdbc()
			.sql("SELECT sum(size_bytes) FROM inbound_messages WHERE mailbox_id = ?")
			.param(sender.mailbox().id())
			.query(Long.class)
			.single();
		System.out.printf(
				"BENCH imap: first sync of %d messages (%.1f MB, loaded into GreenMail in %.0f s) %.1f s = %.0f msg/s, "
						+ "stored %d, error %s; incremental with nothing new %.3f s (stored %d); with 100 new %.2f s "
						+ "(stored %d)%n",
				MESSAGES, bytes / 1e6, loadSeconds, firstSeconds, MESSAGES / firstSeconds, all.stored(), all.error(),
				againSeconds, none.stored(), moreSeconds, hundred.stored());
	}

	private static void deliver(Sender sender, int from, int count, String quoted) throws Exception {
		for (int i = from; i < from + count; i++) {
			String who = "lead" + i + "@client" + (i % 200) + ".test";
			MimeMessage message = switch (i % 10) {
				case 0 -> message(who, sender.mailbox().email(), "Automatic reply: Quick question",
						"I am out of the office until Monday.", Map.of("Auto-Submitted", "auto-replied"));
				case 1 -> message("MAILER-DAEMON@mx" + (i % 50) + ".test", sender.mailbox().email(),
						"Undelivered Mail Returned to Sender",
						"<" + who + ">: host mx.test said: 550 5.1.1 User unknown", Map.of());
				default -> message(who, sender.mailbox().email(), "Re: Quick question",
						"Thanks, tell me more about pricing.\n\nOn Monday you wrote:\n" + quoted,
						Map.of("In-Reply-To", "<" + UUID.randomUUID() + "@send.test>"));
			};
			sender.user().deliver(message);
		}
	}

}
