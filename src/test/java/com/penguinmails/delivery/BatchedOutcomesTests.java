package com.penguinmails.delivery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outcomes committed {@link Dispatcher#OUTCOMES_PER_COMMIT} at a time: none lost, none
 * doubled, each with its own reply and event, accepted and refused ones mixed.
 */
@IntegrationTest
class BatchedOutcomesTests {

	static ScriptedSmtpServer server;

	@Autowired
	Outbox outbox;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ConfigurableApplicationContext context;

	@BeforeAll
	static void startServer() {
		server = new ScriptedSmtpServer();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void everyOutcomeOfABatchLargerThanACommitIsRecordedOnceWithItsEvent() {
		Account account = fixtures.verifiedAccount("dlv-batched");
		Mailbox mailbox = Senders.mailbox(mailboxes, account.owner(), "jo@" + Senders.uniqueDomain("batched"), "Jo",
				server.port(), "", "");
		UUID campaign = UUID.randomUUID();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		int messages = Dispatcher.OUTCOMES_PER_COMMIT * 2 + 17;
		String tag = UUID.randomUUID().toString().substring(0, 8);
		Map<UUID, String> expected = new HashMap<>();
		for (int i = 0; i < messages; i++) {
			String to = "lead" + i + "-" + tag + "@recipients.test";
			// Refusals spread over the commits: every 7th permanently, every 11th for
			// now.
			String status = i % 7 == 3 ? "failed" : i % 11 == 5 ? "deferred" : "sent";
			if (status.equals("failed")) {
				server.reply(to, 550, "5.1.1 No such user");
			}
			else if (status.equals("deferred")) {
				server.reply(to, 451, "4.7.1 Try again later");
			}
			expected
				.put(Senders.enqueue(outbox, Senders.message(account.owner(), campaign, mailbox, to, "Hi " + i), now)
					.outboxId(), status);
		}
		int acceptedBefore = server.acceptedCount();

		try (Senders.Events<MessageSent> sent = new Senders.Events<>(context, MessageSent.class);
				Senders.Events<MessageFailed> failed = new Senders.Events<>(context, MessageFailed.class);
				Senders.Events<MessageDeferred> deferred = new Senders.Events<>(context, MessageDeferred.class)) {
			// One round claims them all: one mailbox, one connection, three commits.
			assertThat(dispatcher.dispatch(now, messages + 10)).isEqualTo(messages);

			Map<UUID, String> recorded = new HashMap<>();
			fixtures.jdbc()
				.sql("SELECT id, status, attempts, smtp_reply FROM outbox WHERE campaign_id = ?")
				.param(campaign)
				.query((rs, i) -> {
					assertThat(rs.getInt(3)).as("attempts").isEqualTo(1);
					String reply = rs.getString(4);
					assertThat(reply).startsWith(switch (rs.getString(2)) {
						case "sent" -> "250";
						case "failed" -> "550";
						default -> "451";
					});
					return recorded.put(rs.getObject(1, UUID.class), rs.getString(2));
				})
				.list();
			assertThat(recorded).isEqualTo(expected);
			long sentCount = expected.values().stream().filter("sent"::equals).count();
			assertThat(server.acceptedCount() - acceptedBefore).isEqualTo(sentCount);
			assertThat(ids(sent.seen().stream().map(MessageSent::outboxId).toList(), expected))
				.containsExactlyInAnyOrderElementsOf(withStatus(expected, "sent"));
			assertThat(ids(failed.seen().stream().map(MessageFailed::outboxId).toList(), expected))
				.containsExactlyInAnyOrderElementsOf(withStatus(expected, "failed"));
			assertThat(ids(deferred.seen().stream().map(MessageDeferred::outboxId).toList(), expected))
				.containsExactlyInAnyOrderElementsOf(withStatus(expected, "deferred"));
		}
	}

	/** The events' outbox ids that belong to this test, duplicates kept. */
	private static List<UUID> ids(List<UUID> seen, Map<UUID, String> expected) {
		return seen.stream().filter(expected::containsKey).toList();
	}

	private static List<UUID> withStatus(Map<UUID, String> expected, String status) {
		return expected.entrySet().stream().filter(e -> e.getValue().equals(status)).map(Map.Entry::getKey).toList();
	}

}
