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
		WarmupTestData.enable(fixtures.jdbc(), workspaceId, mailboxId);
		WarmupTestData.sent(fixtures.jdbc(), workspaceId, mailboxId, DAY, Placement.INBOX, 10);
		WarmupTestData.sent(fixtures.jdbc(), workspaceId, mailboxId, DAY.minusDays(6), Placement.INBOX, 5);
		WarmupTestData.sent(fixtures.jdbc(), workspaceId, mailboxId, DAY.minusDays(2), Placement.SPAM, 3);
		WarmupTestData.sent(fixtures.jdbc(), workspaceId, mailboxId, DAY.minusDays(1), Placement.OTHER, 1);
		WarmupTestData.sent(fixtures.jdbc(), workspaceId, mailboxId, DAY.minusDays(1), Placement.MISSING, 1);
		// Outside the 7 days, and not looked for yet: not counted.
		WarmupTestData.sent(fixtures.jdbc(), workspaceId, mailboxId, DAY.minusDays(7), Placement.SPAM, 9);
		WarmupTestData.sent(fixtures.jdbc(), workspaceId, mailboxId, DAY, Placement.PENDING, 9);

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
		WarmupTestData.enable(fixtures.jdbc(), workspaceId, mailboxId);
		WarmupTestData.sent(fixtures.jdbc(), workspaceId, mailboxId, DAY, Placement.INBOX, 4);
		try (PublishedEvents events = PublishedEvents.record(context)) {
			health.measure(DAY, NOW);
			health.measure(DAY, NOW.plusSeconds(60));
			// No DNS (never verified): 70 + 0 + 10 + 5
			assertThat(health.score(mailboxId)).contains(85);
			assertThat(events.stream(WarmupHealthChanged.class).filter(e -> e.mailboxId().equals(mailboxId)))
				.hasSize(1);
			WarmupTestData.sent(fixtures.jdbc(), workspaceId, mailboxId, DAY, Placement.SPAM, 4);
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
		WarmupTestData.enable(fixtures.jdbc(), sender.account().workspaceId(), sender.mailbox().id());
		WarmupTestData.sent(fixtures.jdbc(), sender.account().workspaceId(), sender.mailbox().id(), DAY,
				Placement.PENDING, 3);
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
