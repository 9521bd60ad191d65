package com.penguinmails.alerts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.warmup.WarmupHealth;
import com.penguinmails.warmup.WarmupTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class WarmupAlertTests {

	@Autowired
	WarmupHealth health;

	@Autowired
	Alerts alerts;

	@Autowired
	InboundFixtures inbound;

	@Autowired
	Fixtures fixtures;

	static final LocalDate DAY = LocalDate.of(2026, 4, 7);

	@Test
	void aHealthScoreThatDropsTenPointsAlertsWithWhereTheWarmupMailLanded() {
		Sender sender = inbound.sender("warmup-alert");
		UUID workspaceId = sender.account().workspaceId();
		UUID mailboxId = sender.mailbox().id();
		String email = sender.mailbox().email();
		enable(workspaceId, mailboxId);
		sent(workspaceId, mailboxId, DAY, "inbox", 20);
		health.measure(DAY, at(DAY));
		// 70 + 10 + 5 (no DNS): healthy, nothing to say.
		assertThat(health.score(mailboxId)).contains(85);

		sent(workspaceId, mailboxId, DAY.plusDays(1), "spam", 6);
		health.measure(DAY.plusDays(1), at(DAY.plusDays(1)));
		// 70 × 20 / 26 = 53.8 + 15 = 69
		assertThat(health.score(mailboxId)).contains(69);

		await().untilAsserted(() -> assertThat(alerts.recent(sender.account().owner(), 10)).extracting(Alert::title)
			.containsExactly("Warmup health of " + email + " fell from 85 to 69"));
		Alert alert = alerts.recent(sender.account().owner(), 10).get(0);
		assertThat(alert.body()).startsWith("6 of 26 warmup messages landed in spam in the last 7 days.")
			.contains("Not passing for its domain: SPF, DKIM, DMARC.");
		assertThat(alert.link()).isEqualTo("/warmup/mailboxes/" + mailboxId);
	}

	@Test
	void aSmallRiseOrFallAboveSeventyDoesNotAlert() {
		Sender sender = inbound.sender("warmup-calm");
		UUID workspaceId = sender.account().workspaceId();
		UUID mailboxId = sender.mailbox().id();
		enable(workspaceId, mailboxId);
		sent(workspaceId, mailboxId, DAY, "inbox", 19);
		sent(workspaceId, mailboxId, DAY, "spam", 1);
		health.measure(DAY, at(DAY));
		sent(workspaceId, mailboxId, DAY.plusDays(1), "spam", 1);
		health.measure(DAY.plusDays(1), at(DAY.plusDays(1)));
		assertThat(health.score(mailboxId)).contains(78);
		fixtures.awaitEvents("WarmupAlerts");
		assertThat(alerts.recent(sender.account().owner(), 10)).isEmpty();
	}

	private static Instant at(LocalDate day) {
		return day.atTime(23, 0).toInstant(ZoneOffset.UTC);
	}

	private void enable(UUID workspaceId, UUID mailboxId) {
		fixtures.jdbc().sql("""
				INSERT INTO warmup_mailboxes (mailbox_id, workspace_id, enabled, start_per_day, increase_per_day,
				    max_per_day, reply_rate_percent, started_on)
				VALUES (?, ?, true, 3, 2, 40, 30, current_date - 10)""").params(mailboxId, workspaceId).update();
	}

	private void sent(UUID workspaceId, UUID mailboxId, LocalDate day, String placement, int count) {
		for (int i = 0; i < count; i++) {
			String token = WarmupTokens.mint();
			java.sql.Timestamp at = java.sql.Timestamp.from(at(day).minusSeconds(3600));
			fixtures.jdbc()
				.sql("""
						INSERT INTO warmup_messages (id, token, message_id, thread_id, kind, sender_workspace_id,
						    sender_mailbox_id, recipient_workspace_id, recipient_mailbox_id, subject, body, day, due_at,
						    sent_at, placement)
						VALUES (?, ?, ?, ?, 'initial', ?, ?, ?, ?, 'Hello', 'Hi', ?, ?, ?, ?)""")
				.params(UUID.randomUUID(), token, "<" + token + "@test>", UUID.randomUUID(), workspaceId, mailboxId,
						workspaceId, UUID.randomUUID(), java.sql.Date.valueOf(day), at, at, placement)
				.update();
		}
	}

}
