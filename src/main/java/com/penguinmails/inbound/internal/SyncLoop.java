package com.penguinmails.inbound.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.penguinmails.inbound.InboundSync;

/**
 * Runs the inbound sync every few seconds on every node: each round syncs the mailboxes
 * whose interval has passed (or that IDLE woke); off with
 * {@code penguinmails.inbound.sync-enabled=false}.
 */
@Component
@ConditionalOnProperty(name = "penguinmails.inbound.sync-enabled", havingValue = "true", matchIfMissing = true)
class SyncLoop {

	private static final Logger log = LoggerFactory.getLogger(SyncLoop.class);

	private final InboundSync sync;

	SyncLoop(InboundSync sync) {
		this.sync = sync;
	}

	@Scheduled(initialDelayString = "PT10S", fixedDelayString = "PT5S")
	void tick() {
		try {
			while (sync.tick(10).size() == 10) {
				// More were due: go on.
			}
		}
		catch (RuntimeException ex) {
			log.warn("Inbound sync round failed: {}", ex.toString());
		}
	}

}
