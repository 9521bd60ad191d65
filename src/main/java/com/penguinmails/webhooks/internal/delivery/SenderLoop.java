package com.penguinmails.webhooks.internal.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every node's sender thread: claims due deliveries as soon as a request slot is free (at
 * most {@code concurrency} in flight), looks again every {@code poll-interval} when
 * nothing is due, and purges old events and attempts hourly. Off with
 * {@code penguinmails.webhooks.delivery.sender-enabled=false} (tests run rounds
 * themselves).
 */
@Component
@ConditionalOnProperty(name = "penguinmails.webhooks.delivery.sender-enabled", havingValue = "true",
		matchIfMissing = true)
class SenderLoop implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SenderLoop.class);

	private static final Duration PURGE_EVERY = Duration.ofHours(1);

	private final WebhookSender sender;

	private final Housekeeping housekeeping;

	private final Clock clock;

	private final WebhookDeliveryProperties properties;

	private final Semaphore slots;

	private volatile Thread thread;

	private volatile boolean running;

	SenderLoop(WebhookSender sender, Housekeeping housekeeping, Clock clock, WebhookDeliveryProperties properties) {
		this.sender = sender;
		this.housekeeping = housekeeping;
		this.clock = clock;
		this.properties = properties;
		// Claimed deliveries wait for a request slot in the workers' queue: up to four
		// times
		// as many as are in flight (well within their lease), so claims stay large.
		this.slots = new Semaphore(Math.max(1, properties.concurrency()) * 4);
	}

	@Override
	public void start() {
		running = true;
		thread = new Thread(this::loop, "webhook-sender-loop");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void stop() {
		running = false;
		Thread current = thread;
		if (current != null) {
			current.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void loop() {
		Instant nextPurge = clock.instant().plus(Duration.ofMinutes(1));
		while (running) {
			try {
				int claimed = claimAndStart();
				if (clock.instant().isAfter(nextPurge)) {
					nextPurge = clock.instant().plus(PURGE_EVERY);
					housekeeping.purge(clock.instant());
				}
				if (claimed == 0) {
					Thread.sleep(properties.pollInterval().toMillis());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Webhook sender round failed: {}", ex.toString());
				sleepQuietly();
			}
		}
	}

	/** Waits for a free slot, then claims as many deliveries as there are free slots. */
	private int claimAndStart() throws InterruptedException {
		if (!slots.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
			// Every slot busy: no claim, but no idle sleep either.
			return -1;
		}
		if (slots.availablePermits() < properties.concurrency()) {
			// A moment for more requests to finish: fewer, larger claims.
			Thread.sleep(5);
		}
		int free = 1 + slots.drainPermits();
		List<CompletableFuture<Void>> started;
		try {
			started = sender.start(clock.instant(), Math.min(free, properties.batchSize()));
		}
		catch (RuntimeException ex) {
			slots.release(free);
			throw ex;
		}
		slots.release(free - started.size());
		started.forEach(f -> f.whenComplete((ok, failure) -> slots.release()));
		return started.size();
	}

	private void sleepQuietly() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
