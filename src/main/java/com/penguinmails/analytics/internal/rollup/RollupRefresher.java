package com.penguinmails.analytics.internal.rollup;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Recounts dirty hours every few seconds, so workspace analytics trail events by seconds.
 * Safe on every node: hours are taken {@code FOR UPDATE SKIP LOCKED}.
 */
@Component
@ConditionalOnProperty(name = "penguinmails.analytics.rollup-refresh", havingValue = "true", matchIfMissing = true)
class RollupRefresher {

	private final RollupStore rollups;

	RollupRefresher(RollupStore rollups) {
		this.rollups = rollups;
	}

	@Scheduled(initialDelayString = "PT10S", fixedDelayString = "PT5S")
	void refresh() {
		// A rebuild's thousands of hours go a batch at a time, the newest events first
		// waiting no longer than one batch.
		for (int i = 0; i < 20 && rollups.refresh(100) > 0; i++) {
			// next batch
		}
	}

}
