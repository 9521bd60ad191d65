package com.penguinmails.reputation.internal.postmaster;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.penguinmails.reputation.PostmasterConnections;

/**
 * The scheduled daily pull, on every node: each round claims the connections due (with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, see {@link ConnectionStore#claimDue}) and
 * pulls them one after the other. Off with
 * {@code penguinmails.postmaster.scheduler-enabled=false}.
 */
@Component
@ConditionalOnProperty(name = "penguinmails.postmaster.scheduler-enabled", havingValue = "true", matchIfMissing = true)
class PostmasterScheduler {

	private static final Logger log = LoggerFactory.getLogger(PostmasterScheduler.class);

	static final int BATCH = 20;

	private final PostmasterConnections connections;

	private final Clock clock;

	PostmasterScheduler(PostmasterConnections connections, Clock clock) {
		this.connections = connections;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT5M")
	void tick() {
		try {
			while (connections.pullDue(Instant.now(clock), BATCH) == BATCH) {
				// More were due: go on.
			}
		}
		catch (RuntimeException ex) {
			log.warn("Postmaster pull round failed: {}", ex.toString());
		}
	}

}
