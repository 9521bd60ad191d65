package com.penguinmails.alerts.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.alerts.AlertChannel;
import com.penguinmails.alerts.AlertEvent;
import com.penguinmails.alerts.AlertSettings;
import com.penguinmails.alerts.Alerts;
import com.penguinmails.alerts.EscalationPolicies;
import com.penguinmails.alerts.EscalationPolicy;
import com.penguinmails.sandbox.SandboxMail;
import com.penguinmails.sandbox.SandboxMailbox;
import com.penguinmails.shared.Tenant;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes' escalators running at once take a due step once; a person's step is an email
 * with the signed link.
 */
@IntegrationTest
class EscalationClaimTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	AlertRaiser raiser;

	@Autowired
	AlertNotifier notifier;

	@Autowired
	AlertEscalator escalator;

	@Autowired
	AlertSettings settings;

	@Autowired
	EscalationPolicies escalation;

	@Autowired
	Alerts alerts;

	@Autowired
	SandboxMailbox mailbox;

	@Test
	void twoEscalatorsAtOnceTakeADueStepOnceAndAPersonStepIsEmailed() throws Exception {
		Tenant owner = fixtures.verifiedAccount("alert-claim").owner();
		String lead = Fixtures.uniqueEmail("alert-lead");
		AlertChannel team = settings.addChannel(owner, new AlertSettings.ChannelRequest("Team", "email", "", ""));
		EscalationPolicy policy = escalation.addPolicy(owner,
				new EscalationPolicies.PolicyRequest("Day",
						List.of(new EscalationPolicies.StepRequest(team.id(), null, null),
								new EscalationPolicies.StepRequest(null, lead, 10))));
		settings.addRoute(owner, new AlertSettings.RouteRequest("type", "route.failing", null, policy.id()));
		UUID id = raiser.raise(owner.workspaceId(), "route.failing", "warning", "Sending route 1 is failing",
				"Every provider of the route fails its checks.", "/mailboxes/sending-routes");
		Instant later = Instant.now().plus(Duration.ofMinutes(11));

		CyclicBarrier start = new CyclicBarrier(2);
		List<CompletableFuture<Integer>> nodes = List.of(1, 2).stream().map(n -> CompletableFuture.supplyAsync(() -> {
			try {
				start.await();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			return escalator.escalateDue(later);
		})).toList();
		nodes.forEach(CompletableFuture::join);

		assertThat(alerts.timeline(owner, id)).extracting(AlertEvent::kind)
			.containsOnlyOnce("escalated")
			.doesNotContain("notified");
		assertThat(alerts.find(owner, id).escalationStep()).isEqualTo(2);
		notifier.round(later);
		await().untilAsserted(() -> assertThat(fixtures.mailsTo(lead)).isEqualTo(1));
		SandboxMail mail = mailbox.messages()
			.stream()
			.filter(m -> m.to().stream().anyMatch(lead::equalsIgnoreCase))
			.findFirst()
			.orElseThrow();
		assertThat(mail.subject()).isEqualTo("[PenguinMails] Escalated: Sending route 1 is failing");
		assertThat(mail.text()).contains("Acknowledge: http").contains("/alerts/ack/");
		assertThat(alerts.timeline(owner, id)).extracting(AlertEvent::detail)
			.contains("Email to " + lead + " (escalation step 2): emailed " + lead);
	}

}
