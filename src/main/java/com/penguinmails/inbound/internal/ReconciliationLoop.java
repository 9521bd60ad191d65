package com.penguinmails.inbound.internal;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.penguinmails.inbound.ProviderReconciliations;

/**
 * Looks for due provider accounts to reconcile every minute (each account is read every
 * {@code penguinmails.providers.reconcile-every}); off with
 * {@code penguinmails.providers.reconcile-enabled=false}. Accounts are leased, so every
 * node may run it.
 */
@Component
@ConditionalOnProperty(name = "penguinmails.providers.reconcile-enabled", havingValue = "true", matchIfMissing = true)
class ReconciliationLoop {

	private static final Logger log = LoggerFactory.getLogger(ReconciliationLoop.class);

	private final ProviderReconciliations reconciliations;

	private final Clock clock;

	ReconciliationLoop(ProviderReconciliations reconciliations, Clock clock) {
		this.reconciliations = reconciliations;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "PT2M", fixedDelayString = "PT1M")
	void reconcileDue() {
		try {
			reconciliations.reconcileDue(clock.instant());
		}
		catch (RuntimeException ex) {
			log.warn("Provider reconciliation round failed: {}", ex.toString());
		}
	}

}
