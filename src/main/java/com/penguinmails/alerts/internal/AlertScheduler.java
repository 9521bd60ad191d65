package com.penguinmails.alerts.internal;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every node, every {@code penguinmails.alerts.every}: takes due escalation steps, then
 * sends due notifications (both claim their rows, so nodes share the work). Off with
 * {@code penguinmails.alerts.notifier-enabled=false} (tests drive both themselves).
 */
@Component
@ConditionalOnProperty(name = "penguinmails.alerts.notifier-enabled", havingValue = "true", matchIfMissing = true)
class AlertScheduler {

	private final AlertEscalator escalator;

	private final AlertNotifier notifier;

	private final Clock clock;

	AlertScheduler(AlertEscalator escalator, AlertNotifier notifier, Clock clock) {
		this.escalator = escalator;
		this.notifier = notifier;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "PT20S", fixedDelayString = "${penguinmails.alerts.every:PT15S}")
	void run() {
		escalator.escalateDue(clock.instant());
		while (notifier.round(clock.instant()) == 50) {
			// A full batch: more may be due.
		}
	}

}
