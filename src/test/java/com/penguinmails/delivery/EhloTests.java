package com.penguinmails.delivery;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.RawSmtpServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Campaign sends say EHLO with the sending mailbox's domain (RFC 5321 §4.1.1.1). */
@IntegrationTest
class EhloTests {

	@Autowired
	Outbox outbox;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Fixtures fixtures;

	@Test
	void aCampaignSendSaysEhloWithTheMailboxsDomainNotLocalhost() {
		Account account = fixtures.verifiedAccount("dlv-ehlo");
		String domain = Senders.uniqueDomain("ehlo");
		try (RawSmtpServer server = new RawSmtpServer()) {
			Mailbox mailbox = Senders.mailbox(mailboxes, account.owner(), "jo@" + domain, "Jo", server.port(), "", "");
			Instant now = Instant.now();
			Senders.enqueue(outbox,
					Senders.message(account.owner(), UUID.randomUUID(), mailbox, "ada@prospect.test", "Hello"), now);

			Senders.drain(dispatcher, now);

			assertThat(server.messages).hasSize(1);
			assertThat(server.helos).containsOnly(domain);
		}
	}

}
