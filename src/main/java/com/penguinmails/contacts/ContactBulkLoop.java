package com.penguinmails.contacts;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs waiting bulk jobs every second on every node (they share them through
 * {@code SKIP LOCKED} claims); off with
 * {@code penguinmails.contacts.bulk-worker-enabled=false}.
 */
@Component
@ConditionalOnProperty(name = "penguinmails.contacts.bulk-worker-enabled", havingValue = "true", matchIfMissing = true)
class ContactBulkLoop {

	private static final Logger log = LoggerFactory.getLogger(ContactBulkLoop.class);

	private final ContactBulkWorker worker;

	private final Clock clock;

	ContactBulkLoop(ContactBulkWorker worker, Clock clock) {
		this.worker = worker;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "PT5S", fixedDelayString = "PT1S")
	void tick() {
		try {
			while (worker.step(clock.instant())) {
				// A job ended; another may wait.
			}
		}
		catch (RuntimeException ex) {
			log.warn("Bulk job round failed: {}", ex.toString());
		}
	}

}
