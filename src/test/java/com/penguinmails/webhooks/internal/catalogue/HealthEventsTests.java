package com.penguinmails.webhooks.internal.catalogue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.domains.DomainStatus;
import com.penguinmails.domains.DomainStatusChanged;
import com.penguinmails.mailboxes.MailboxErrored;
import com.penguinmails.reputation.PathState;
import com.penguinmails.reputation.PostmasterConnectionExpired;
import com.penguinmails.reputation.RecipientProvider;
import com.penguinmails.reputation.ReputationDropped;
import com.penguinmails.reputation.ThrottleAction;
import com.penguinmails.reputation.ThrottleDecided;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.warmup.WarmupHealthChanged;
import com.penguinmails.webhooks.EventType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sending infrastructure's events in the catalogue (mailbox errors, warmup health,
 * domain status, reputation drops, throttling, postmaster connections): each stored once
 * however often it is published, about no contact (no ordering key).
 */
@IntegrationTest
class HealthEventsTests {

	private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

	@Autowired
	CatalogueFixtures catalogue;

	@Test
	void mailboxWarmupAndDomainEventsAreStoredOnceEach() {
		UUID workspace = catalogue.workspace("catalogue-health");
		UUID mailbox = UUID.randomUUID();
		UUID domain = UUID.randomUUID();
		MailboxErrored errored = new MailboxErrored(workspace, mailbox, "sam@sender.test",
				"SMTP authentication: 535 5.7.8 Username and Password not accepted");
		WarmupHealthChanged health = new WarmupHealthChanged(workspace, mailbox, "sam@sender.test", 88, 71, AT);
		DomainStatusChanged status = new DomainStatusChanged(workspace, domain, "sender.test", DomainStatus.VERIFIED,
				DomainStatus.FAILING);
		catalogue.publish(errored, errored, health, health, status, status);

		JsonNode error = only(workspace, EventType.MAILBOX_ERRORED);
		assertThat(error.at("/mailbox/id").asText()).isEqualTo(mailbox.toString());
		assertThat(error.at("/mailbox/email").asText()).isEqualTo("sam@sender.test");
		assertThat(error.get("error").asText()).contains("535 5.7.8");
		JsonNode warmup = only(workspace, EventType.WARMUP_HEALTH_CHANGED);
		assertThat(warmup.at("/health/previous_score").asInt()).isEqualTo(88);
		assertThat(warmup.at("/health/score").asInt()).isEqualTo(71);
		JsonNode changed = only(workspace, EventType.DOMAIN_STATUS_CHANGED);
		assertThat(changed.at("/domain/name").asText()).isEqualTo("sender.test");
		assertThat(changed.at("/status/from").asText()).isEqualTo("verified");
		assertThat(changed.at("/status/to").asText()).isEqualTo("failing");
		assertThat(catalogue.orderingKeys(workspace, EventType.DOMAIN_STATUS_CHANGED)).containsOnlyNulls();
	}

	@Test
	void reputationThrottlingAndPostmasterEventsAreStoredOnceEach() {
		UUID workspace = catalogue.workspace("catalogue-reputation");
		UUID mailbox = UUID.randomUUID();
		ReputationDropped dropped = new ReputationDropped(workspace, "domain", "sender.test", "sender.test",
				LocalDate.parse("2026-11-30"), 86, 61, "Bounces: 9 of 40 sent bounced (22.5 %)",
				"/reputation/domain/sender.test");
		ThrottleDecided throttled = new ThrottleDecided(workspace, UUID.randomUUID(), mailbox, "sam@sender.test",
				RecipientProvider.GOOGLE, "google", ThrottleAction.SUSPEND, PathState.SUSPENDED, 0,
				AT.plusSeconds(4 * 3600), "3 rate-limit replies from Gmail in 10 minutes", 3,
				List.of("421 4.7.28 Gmail has detected an unusual rate of unsolicited mail"), null, AT);
		PostmasterConnectionExpired expired = new PostmasterConnectionExpired(workspace, "google",
				"Google Postmaster Tools", "Google refused the saved authorization: connect again.");
		catalogue.publish(dropped, dropped, throttled, throttled, expired, expired);

		JsonNode reputation = only(workspace, EventType.REPUTATION_DROPPED);
		assertThat(reputation.at("/subject/kind").asText()).isEqualTo("domain");
		assertThat(reputation.at("/score/to").asInt()).isEqualTo(61);
		JsonNode throttle = only(workspace, EventType.SENDING_THROTTLED);
		assertThat(throttle.at("/throttle/action").asText()).isEqualTo("suspend");
		assertThat(throttle.at("/throttle/per_hour").asInt()).isZero();
		assertThat(throttle.at("/throttle/automatic").asBoolean()).isTrue();
		assertThat(throttle.at("/mailbox/email").asText()).isEqualTo("sam@sender.test");
		JsonNode connection = only(workspace, EventType.POSTMASTER_CONNECTION_EXPIRED);
		assertThat(connection.at("/connection/provider").asText()).isEqualTo("google");
	}

	private JsonNode only(UUID workspace, EventType type) {
		List<JsonNode> payloads = catalogue.payloads(workspace, type);
		assertThat(payloads).as(type.type()).hasSize(1);
		return payloads.get(0).get("data");
	}

}
