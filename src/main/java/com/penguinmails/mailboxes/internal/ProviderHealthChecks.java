package com.penguinmails.mailboxes.internal;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.SendingProviders;

/**
 * Runs the sending providers' health checks on every node every 30 seconds; each round
 * checks only the providers whose check is due
 * ({@code penguinmails.providers.health-check-every}), each claimed by one node. Off with
 * {@code penguinmails.providers.health-checks-enabled=false}.
 */
@Component
@ConditionalOnProperty(name = "penguinmails.providers.health-checks-enabled", havingValue = "true",
		matchIfMissing = true)
class ProviderHealthChecks {

	private static final Logger log = LoggerFactory.getLogger(ProviderHealthChecks.class);

	private final SendingProviders providers;

	private final Clock clock;

	ProviderHealthChecks(SendingProviders providers, Clock clock) {
		this.providers = providers;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "PT30S", fixedDelayString = "PT30S")
	void tick() {
		try {
			while (providers.checkDue(clock.instant()) > 0) {
				// A full round may leave more due: go on until none is.
			}
		}
		catch (RuntimeException ex) {
			log.warn("Provider health checks failed: {}", ex.toString());
		}
	}

}
