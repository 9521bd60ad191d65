package com.penguinmails.delivery;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.penguinmails.delivery.internal.DeliveryProperties;

/**
 * Runs the dispatcher every second on every node (they share the queue through
 * {@code SKIP LOCKED} claims); off with
 * {@code penguinmails.delivery.dispatcher-enabled=false}.
 */
@Component
@ConditionalOnProperty(name = "penguinmails.delivery.dispatcher-enabled", havingValue = "true", matchIfMissing = true)
class DispatchLoop {

	private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);

	private final Dispatcher dispatcher;

	private final Clock clock;

	private final int batchSize;

	DispatchLoop(Dispatcher dispatcher, Clock clock, DeliveryProperties properties) {
		this.dispatcher = dispatcher;
		this.clock = clock;
		this.batchSize = Math.max(1, properties.batchSize());
	}

	@Scheduled(initialDelayString = "PT5S", fixedDelayString = "PT1S")
	void tick() {
		try {
			// A full batch means more may be due: go on until the queue is drained.
			int claimed;
			do {
				claimed = dispatcher.dispatch(clock.instant(), batchSize);
			}
			while (claimed == batchSize);
		}
		catch (RuntimeException ex) {
			log.warn("Dispatch round failed: {}", ex.toString());
		}
	}

}
