package com.penguinmails.warmup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import com.penguinmails.domains.Domain;
import com.penguinmails.domains.Domains;
import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.PublishedEvents;
import com.penguinmails.support.TestDnsServer;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class WarmupHealthTests {

	@Autowired
	WarmupHealth health;

	@Autowired
	InboundFixtures inbound;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Domains domains;

	@Autowired
	ConfigurableApplicationContext context;

	static final LocalDate DAY = LocalDate.of(2026, 3, 10);

	static final Instant NOW = DAY.atTime(23, 0).toInstant(ZoneOffset.UTC);

	@Test
	void scoresTheSevenDaysOfSentWarmupMailWithTheDomainsDnsAndKeepsTheDay() throws Exception {
		Sender sender = inbound.sender("health-score");
		UUID workspaceId = sender.account().workspaceId();
		UUID mailboxId = sender.mailbox().id();
		verifyDns(sender);
		WarmupRows.enable(fixtures.jdbc(), workspaceId, mailboxId);
		WarmupRows.sent(fixtures.jdbc(), workspaceId, mailboxId, DAY, "inbox", 10);
		WarmupRows.sent(fixtures.jdbc(), workspaceId, mailboxId, DAY.minusDays(6), "inbox", 5);
		WarmupRows.sent(fixtures.jdbc(), workspaceId, mailboxId, DAY.minusDays(2), "spam", 3);
		WarmupRows.sent(fixtures.jdbc(), workspaceId, mailboxId, DAY.minusDays(1), "other", 1);
		WarmupRows.sent(fixtures.jdbc(), workspaceId, mailboxId, DAY.minusDays(1), "missing", 1);
		// Outside the 7 days, and not looked for yet: not counted.
		WarmupRows.sent(fixtures.jdbc(), workspaceId, mailboxId, DAY.minusDays(7), "spam", 9);
		WarmupRows.sent(fixtures.jdbc(), workspaceId, mailboxId, DAY, "pending", 9);

		try (PublishedEvents events = PublishedEvents.record(context)) {
			health.measure(DAY, NOW);
			// 70 × 15.5 / 20 = 54.25, + 15 DNS + 10 + 5 (no campaign mail)
			assertThat(health.score(mailboxId)).contains(84);
			assertThat(events.stream(WarmupHealthChanged.class).filter(e -> e.mailboxId().equals(mailboxId)))
				.singleElement()
				.satisfies(e -> {
					assertThat(e.previousScore()).isNull();
					assertThat(e.score()).isEqualTo(84);
					assertThat(e.email()).isEqualTo(sender.mailbox().email());
				});
		}
		WarmupHealth.Measure latest = health.latest(workspaceId, mailboxId).orElseThrow();
		assertThat(latest.day()).isEqualTo(DAY);
		assertThat(latest.parts()).isEqualTo(new HealthScore(15, 3, 1, 1, 0, 0, true, true, true));
	}

	@Test
	void remeasuringADayReplacesItAndPublishesOnlyWhenTheScoreChanged() {
		Sender sender = inbound.sender("health-again");
		UUID workspaceId = sender.account().workspaceId();
		UUID mailboxId = sender.mailbox().id();
		WarmupRows.enable(fixtures.jdbc(), workspaceId, mailboxId);
		WarmupRows.sent(fixtures.jdbc(), workspaceId, mailboxId, DAY, "inbox", 4);
		try (PublishedEvents events = PublishedEvents.record(context)) {
			health.measure(DAY, NOW);
			health.measure(DAY, NOW.plusSeconds(60));
			// No DNS (never verified): 70 + 0 + 10 + 5
			assertThat(health.score(mailboxId)).contains(85);
			assertThat(events.stream(WarmupHealthChanged.class).filter(e -> e.mailboxId().equals(mailboxId)))
				.hasSize(1);
			WarmupRows.sent(fixtures.jdbc(), workspaceId, mailboxId, DAY, "spam", 4);
			health.measure(DAY, NOW.plusSeconds(120));
			assertThat(events.stream(WarmupHealthChanged.class).filter(e -> e.mailboxId().equals(mailboxId)))
				.extracting(WarmupHealthChanged::previousScore, WarmupHealthChanged::score)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(null, 85),
						org.assertj.core.groups.Tuple.tuple(85, 50));
		}
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM warmup_health WHERE mailbox_id = ?")
			.param(mailboxId)
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(health.history(sender.account().owner(), mailboxId, 30, DAY).series())
			.extracting(WarmupHealth.Measure::score)
			.containsExactly(50);
	}

	@Test
	void aMailboxWithNoKnownPlacementIsNotMeasured() {
		Sender sender = inbound.sender("health-none");
		WarmupRows.enable(fixtures.jdbc(), sender.account().workspaceId(), sender.mailbox().id());
		WarmupRows.sent(fixtures.jdbc(), sender.account().workspaceId(), sender.mailbox().id(), DAY, "pending", 3);
		health.measure(DAY, NOW);
		assertThat(health.score(sender.mailbox().id())).isEmpty();
		assertThat(health.history(sender.account().owner(), sender.mailbox().id(), 30, DAY).current()).isNull();
	}

	private void verifyDns(Sender sender) {
		Domain domain = domains.list(sender.account().owner()).get(0);
		String zone = domains.zoneSnippet(domains.records(sender.account().owner(), domain.id()));
		TestDnsServer.shared().publishZone(zone);
		domains.verify(sender.account().owner(), domain.id());
	}

}
