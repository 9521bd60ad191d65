package com.penguinmails.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.BounceReason;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a mailbox sent per day, read for the reputation timeline, against a real SMTP
 * peer: accepted messages, refusals with their reasons (by the bounce taxonomy), and
 * accepted messages a later bounce names are not delivered.
 */
@IntegrationTest
class SendingDaysTests {

	@Autowired
	SendingDays days;

	@Autowired
	Outbox outbox;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Fixtures fixtures;

	@Test
	void sentAcceptedAndRefusedByReasonPerMailboxAndDay() {
		Account account = fixtures.verifiedAccount("sending-days");
		try (ScriptedSmtpServer server = new ScriptedSmtpServer()) {
			Mailbox mailbox = Senders.mailbox(mailboxes, account.owner(), "jo@" + Senders.uniqueDomain("days"), "Jo",
					server.port(), "", "");
			server.reply("gone@client.test", 550, "5.1.1 The email account that you tried to reach does not exist");
			server.reply("blocked@client.test", 554, "5.7.1 Service unavailable; Client host blocked using Spamhaus");
			Instant now = Instant.now();
			UUID campaign = UUID.randomUUID();
			Outbox.Queued ok = Senders.enqueue(outbox,
					Senders.message(account.owner(), campaign, mailbox, "ada@client.test", "Hi"), now);
			Senders.enqueue(outbox, Senders.message(account.owner(), campaign, mailbox, "bob@client.test", "Hi"), now);
			Senders.enqueue(outbox, Senders.message(account.owner(), campaign, mailbox, "gone@client.test", "Hi"), now);
			Senders.enqueue(outbox, Senders.message(account.owner(), campaign, mailbox, "blocked@client.test", "Hi"),
					now);
			Senders.drain(dispatcher, now);

			LocalDate today = LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC);
			List<SendingDays.Day> daily = days.daily(account.workspaceId(), today.minusDays(1), today.plusDays(1),
					List.of(ok.outboxId()));
			assertThat(daily).hasSize(1);
			assertThat(daily.get(0).mailboxId()).isEqualTo(mailbox.id());
			assertThat(daily.get(0).sent()).isEqualTo(4);
			assertThat(daily.get(0).accepted()).isEqualTo(2);
			assertThat(daily.get(0).acceptedNotBounced()).isEqualTo(1);
			assertThat(days.refusals(account.workspaceId(), today.minusDays(1), today.plusDays(1)))
				.extracting(SendingDays.Refusal::reason)
				.containsExactlyInAnyOrder(BounceReason.USER_UNKNOWN, BounceReason.BLOCKED);
			// Another workspace reads nothing of it.
			Account stranger = fixtures.verifiedAccount("sending-days-stranger");
			assertThat(days.daily(stranger.workspaceId(), today.minusDays(1), today.plusDays(1), List.of())).isEmpty();
		}
	}

}
