package com.penguinmails.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the identity tables from growing without bound: login activity is kept 90 days,
 * spent email tokens a week, idle rate-limit buckets not at all. Every node may run it;
 * the deletes are idempotent.
 */
@Component
class IdentityHousekeeping {

	static final Duration LOGIN_ACTIVITY_RETENTION = Duration.ofDays(90);

	static final Duration SPENT_TOKEN_RETENTION = Duration.ofDays(7);

	private final JdbcClient jdbc;

	private final ProxyManager<String> buckets;

	private final Clock clock;

	IdentityHousekeeping(JdbcClient jdbc, ProxyManager<String> buckets, Clock clock) {
		this.jdbc = jdbc;
		this.buckets = buckets;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
	void clean() {
		Instant now = clock.instant();
		jdbc.sql("DELETE FROM login_attempts WHERE created_at < ?")
			.param(Timestamp.from(now.minus(LOGIN_ACTIVITY_RETENTION)))
			.update();
		jdbc.sql("DELETE FROM user_tokens WHERE expires_at < ?")
			.param(Timestamp.from(now.minus(SPENT_TOKEN_RETENTION)))
			.update();
		jdbc.sql("DELETE FROM captcha_solutions WHERE expires_at < ?").param(Timestamp.from(now)).update();
		if (buckets instanceof ExpiredEntriesCleaner cleaner) {
			while (cleaner.removeExpired(1000) == 1000) {
				// keep going until a partial batch says the table is clean
			}
		}
	}

}
