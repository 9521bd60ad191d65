package com.penguinmails.inbound;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
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

	@Autowired
	Mailboxes mailboxes;

	@Test
	void firstAndIncrementalSyncsOnGreenMail() throws Exception {
		Sender sender = setup.sender("bench-imap");
		run("GreenMail", sender.account().workspaceId(), sender.mailbox().id(),
				(from, count) -> deliver(from, count, sender.mailbox().email(), sender.user()::deliver));
	}

	@Test
	void firstAndIncrementalSyncsOnDovecot() throws Exception {
		String port = System.getProperty("bench.dovecot.port");
		String maildir = System.getProperty("bench.dovecot.maildir");
		Assumptions.assumeTrue(port != null && maildir != null, "no Dovecot given (bench/imap-sync.sh starts one)");
		Fixtures.Account account = fixtures.verifiedAccount("bench-dovecot");
		String email = System.getProperty("bench.dovecot.user", "bench@bench.test");
		UUID mailbox = mailboxes
			.add(account.owner(),
					new NewMailbox(email, "Bench", "generic",
							new ServerSettings("127.0.0.1", 25, Security.NONE, email, "secret"),
							new ServerSettings("127.0.0.1", Integer.parseInt(port), Security.NONE, email,
									System.getProperty("bench.dovecot.password", "secret")),
							"", "", 30, 0, 0))
			.id();
		Path inbox = Path.of(maildir);
		Files.createDirectories(inbox.resolve("new"));
		Files.createDirectories(inbox.resolve("cur"));
		Files.createDirectories(inbox.resolve("tmp"));
		run("Dovecot " + Dovecot.version(), account.workspaceId(), mailbox,
				(from, count) -> deliver(from, count, email, message -> {
					// Maildir delivery: written under tmp/, then renamed into new/.
					String name = System.nanoTime() + "." + UUID.randomUUID() + ".bench";
					Path tmp = inbox.resolve("tmp").resolve(name);
					try (var out = Files.newOutputStream(tmp)) {
						message.writeTo(out);
					}
					Files.move(tmp, inbox.resolve("new").resolve(name));
				}));
	}

	interface Loader {

		void load(int from, int count) throws Exception;

	}

	interface Delivery {

		void deliver(MimeMessage message) throws Exception;

	}

	private void run(String server, UUID workspace, UUID mailbox, Loader loader) throws Exception {
		long load = System.nanoTime();
		loader.load(0, MESSAGES);
		double loadSeconds = (System.nanoTime() - load) / 1e9;

		long first = System.nanoTime();
		InboundSync.Result all = sync.sync(workspace, mailbox);
		double firstSeconds = (System.nanoTime() - first) / 1e9;

		long again = System.nanoTime();
		InboundSync.Result none = sync.sync(workspace, mailbox);
		double againSeconds = (System.nanoTime() - again) / 1e9;

		loader.load(MESSAGES, 100);
		long more = System.nanoTime();
		InboundSync.Result hundred = sync.sync(workspace, mailbox);
		double moreSeconds = (System.nanoTime() - more) / 1e9;

		long bytes = fixtures.jdbc()
			.sql("SELECT coalesce(sum(size_bytes), 0) FROM inbound_messages WHERE mailbox_id = ?")
			.param(mailbox)
			.query(Long.class)
			.single();
		System.out.printf("BENCH database: %s%n", fixtures.durability());
		System.out.printf(
				"BENCH imap %s: first sync of %d messages (%.1f MB, loaded in %.0f s) %.1f s = %.0f msg/s, "
						+ "stored %d, error %s; incremental with nothing new %.3f s (stored %d); with 100 new %.2f s "
						+ "(stored %d)%n",
				server, MESSAGES, bytes / 1e6, loadSeconds, firstSeconds, MESSAGES / firstSeconds, all.stored(),
				all.error(), againSeconds, none.stored(), moreSeconds, hundred.stored());
	}

	/** The server's version, for the figures. */
	static final class Dovecot {

		static String version() {
			try {
				Process process = new ProcessBuilder("dovecot", "--version").redirectErrorStream(true).start();
				return new String(process.getInputStream().readAllBytes()).strip().split(" ")[0];
			}
			catch (java.io.IOException ex) {
				return "";
			}
		}

	}

	private static void deliver(int from, int count, String to, Delivery delivery) throws Exception {
		String quoted = "> " + "We help teams like yours cut onboarding time in half. ".repeat(40);
		for (int i = from; i < from + count; i++) {
			String who = "lead" + i + "@client" + (i % 200) + ".test";
			MimeMessage message = switch (i % 10) {
				case 0 -> message(who, to, "Automatic reply: Quick question", "I am out of the office until Monday.",
						Map.of("Auto-Submitted", "auto-replied"));
				case 1 -> message("MAILER-DAEMON@mx" + (i % 50) + ".test", to, "Undelivered Mail Returned to Sender",
						"<" + who + ">: host mx.test said: 550 5.1.1 User unknown", Map.of());
				default -> message(who, to, "Re: Quick question",
						"Thanks, tell me more about pricing.\n\nOn Monday you wrote:\n" + quoted,
						Map.of("In-Reply-To", "<" + UUID.randomUUID() + "@send.test>"));
			};
			delivery.deliver(message);
		}
	}

}
