package com.penguinmails.system.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs this node's heartbeat every 30 s and its resource sample every minute, and writes
 * the hour's row at shutdown. Off with
 * {@code penguinmails.system.heartbeat-enabled=false} (tests call {@link Heartbeats#beat}
 * and {@link ResourceSampler#sample} with the instants they choose).
 */
@Component
@ConditionalOnProperty(name = "penguinmails.system.heartbeat-enabled", havingValue = "true", matchIfMissing = true)
class SystemLoops {

	private static final Logger log = LoggerFactory.getLogger(SystemLoops.class);

	private final Heartbeats heartbeats;

	private final ResourceSampler sampler;

	private final java.time.Clock clock;

	SystemLoops(Heartbeats heartbeats, ResourceSampler sampler, java.time.Clock clock) {
		this.heartbeats = heartbeats;
		this.sampler = sampler;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "PT1S", fixedDelayString = "PT30S")
	void beat() {
		try {
			heartbeats.beat(clock.instant());
		}
		catch (RuntimeException ex) {
			log.warn("The node's heartbeat was not written: {}", ex.toString());
		}
	}

	@Scheduled(initialDelayString = "PT20S", fixedDelayString = "PT1M")
	void sample() {
		try {
			sampler.sample(clock.instant());
		}
		catch (RuntimeException ex) {
			log.warn("The node's resource sample was not written: {}", ex.toString());
		}
	}

	@jakarta.annotation.PreDestroy
	void flush() {
		try {
			sampler.flush();
		}
		catch (RuntimeException ex) {
			log.debug("The last hour's resources were not written at shutdown: {}", ex.toString());
		}
	}

}
