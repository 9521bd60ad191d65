package com.penguinmails.campaigns;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.delivery.MessageSent;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.warmup.MailboxWarmupChanges;
import com.penguinmails.warmup.Warmup;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graduation as campaigns see it: a warming mailbox's cap ramps from its first campaign
 * day (10, 12, 14...) up to its daily cap; a mailbox without warmup keeps its plain cap.
 */
@IntegrationTest
class SendingRampTests {

	@Autowired
	SendingRamps ramps;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Warmup warmup;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	private Mailbox mailbox(Account account, String name, int dailyCap) {
		String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@ramp.test";
		return mailboxes.add(account.owner(),
				new NewMailbox(email, name, "generic",
						new ServerSettings("127.0.0.1", 2525, Security.NONE, email, "secret"),
						new ServerSettings("127.0.0.1", 1143, Security.NONE, email, null), "", "", dailyCap, 60, 300));
	}

	@Test
	void warmedMailboxRampsFromItsFirstCampaignDayAndAPlainOneKeepsItsCap() {
		Account account = fixtures.verifiedAccount("ramp");
		Mailbox warmed = mailbox(account, "warm", 30);
		Mailbox plain = mailbox(account, "plain", 30);
		Instant firstSend = Instant.parse("2026-03-02T10:00:00Z");
		warmup.update(account.owner(), warmed.id(), MailboxWarmupChanges.enabled(true),
				firstSend.minusSeconds(86400 * 20));
		transactions.executeWithoutResult(status -> events.publishEvent(new MessageSent(account.workspaceId(),
				UUID.randomUUID(), null, 0, UUID.randomUUID(), "<first@ramp.test>", warmed.id(), firstSend, null)));
		fixtures.awaitEvents("WarmupEvents");
		// A later campaign message does not move the first campaign day.
		transactions.executeWithoutResult(
				status -> events.publishEvent(new MessageSent(account.workspaceId(), UUID.randomUUID(), null, 0,
						UUID.randomUUID(), "<later@ramp.test>", warmed.id(), firstSend.plusSeconds(86400 * 2), null)));
		fixtures.awaitEvents("WarmupEvents");

		LocalDate day1 = LocalDate.ofInstant(firstSend, ZoneOffset.UTC);
		List<Integer> caps = List.of(day1, day1.plusDays(1), day1.plusDays(2), day1.plusDays(30))
			.stream()
			.map(day -> ramps.capped(List.of(warmed, plain), day))
			.map(pool -> pool.get(0).dailyCap())
			.toList();
		assertThat(caps).containsExactly(10, 12, 14, 30);
		assertThat(ramps.capped(List.of(warmed, plain), day1).get(1).dailyCap()).isEqualTo(30);
	}

	@Test
	void warmupTurnedOffGivesBackThePlainCap() {
		Account account = fixtures.verifiedAccount("ramp-off");
		Mailbox warmed = mailbox(account, "off", 25);
		Instant now = Instant.parse("2026-03-02T10:00:00Z");
		warmup.update(account.owner(), warmed.id(), MailboxWarmupChanges.enabled(true), now);
		LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
		assertThat(ramps.capped(List.of(warmed), day).get(0).dailyCap()).isEqualTo(10);
		warmup.update(account.owner(), warmed.id(), MailboxWarmupChanges.enabled(false), now);
		assertThat(ramps.capped(List.of(warmed), day).get(0).dailyCap()).isEqualTo(25);
	}

}
