package com.penguinmails.delivery;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.penguinmails.delivery.internal.DeliveryProperties;
import com.penguinmails.delivery.internal.DispatchSignal;

/**
 * Runs the dispatcher every second on every node (they share the queue through
 * {@code SKIP LOCKED} claims), and within a fifth of a second of this node queuing
 * messages ({@link DispatchSignal}), so a launched campaign's first messages leave in
 * well under a second; off with {@code penguinmails.delivery.dispatcher-enabled=false}.
 */
@Component
@ConditionalOnProperty(name = "penguinmails.delivery.dispatcher-enabled", havingValue = "true", matchIfMissing = true)
class DispatchLoop {

	private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);

	private final Dispatcher dispatcher;

	private final Clock clock;

	private final int batchSize;

	private final DispatchSignal signal;

	/** When the last round began ({@link System#nanoTime}). */
	private long lastRound = System.nanoTime();

	DispatchLoop(Dispatcher dispatcher, Clock clock, DeliveryProperties properties, DispatchSignal signal) {
		this.dispatcher = dispatcher;
		this.clock = clock;
		this.batchSize = Math.max(1, properties.batchSize());
		this.signal = signal;
	}

	/** A round when messages were queued here, or a second after the last one. */
	@Scheduled(initialDelayString = "PT5S", fixedDelayString = "PT0.2S")
	void poll() {
		boolean queued = signal.take();
		if (queued || System.nanoTime() - lastRound >= 1_000_000_000L) {
			lastRound = System.nanoTime();
			tick();
		}
	}

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
