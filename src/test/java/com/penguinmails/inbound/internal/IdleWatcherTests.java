package com.penguinmails.inbound.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.support.IntegrationTest;

import static com.penguinmails.inbound.InboundFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** IMAP IDLE against GreenMail: a message arriving wakes the watcher at once. */
@IntegrationTest
class IdleWatcherTests {

	@Autowired
	InboundFixtures setup;

	@Autowired
	Mailboxes mailboxes;

	@Test
	void newMailInTheInboxWakesTheWatcherWithinSeconds() throws Exception {
		Sender sender = setup.sender("inbound-idle");
		AtomicInteger wakes = new AtomicInteger();
		IdleWatcher watcher = new IdleWatcher(mailboxes, sender.account().workspaceId(), sender.mailbox().id(),
				wakes::incrementAndGet);
		Thread thread = new Thread(watcher, "idle-test");
		thread.start();
		try {
			// Once on connecting: mail may have come while it was not watching.
			await().atMost(Duration.ofSeconds(10)).until(() -> wakes.get() == 1);
			Thread.sleep(300);

			sender.user()
				.deliver(message("someone@client.test", sender.mailbox().email(), "Hello", "New mail", Map.of()));

			await().atMost(Duration.ofSeconds(10)).until(() -> wakes.get() >= 2);
			assertThat(watcher.unsupported()).isFalse();
		}
		finally {
			watcher.stop();
			thread.join(5000);
		}
		assertThat(thread.isAlive()).isFalse();
	}

}
