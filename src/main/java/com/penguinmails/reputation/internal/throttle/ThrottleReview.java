package com.penguinmails.reputation.internal.throttle;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the due recovery steps of throttled paths on every node (claimed with
 * {@code SKIP LOCKED}); tests turn it off and call {@link ThrottleEngine#review}.
 */
@Component
class ThrottleReview {

	private static final Logger log = LoggerFactory.getLogger(ThrottleReview.class);

	private final ThrottleEngine engine;

	private final ThrottleProperties settings;

	private final Clock clock;

	ThrottleReview(ThrottleEngine engine, ThrottleProperties settings, Clock clock) {
		this.engine = engine;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "PT30S",
			fixedDelayString = "${penguinmails.reputation.throttling.review-every:PT1M}")
	void run() {
		if (settings.reviewEnabled()) {
			try {
				engine.review(clock.instant());
			}
			catch (RuntimeException ex) {
				log.warn("Throttling review failed: {}", ex.getMessage(), ex);
			}
		}
	}

}
