package com.penguinmails.dashboard.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code dashboard_counted} (the ids of events already added to the daily figures)
 * from growing by one row per message forever: an event is handed again only while its
 * publication is incomplete, after a crash or a restart, so ids are kept 30 days. Every
 * node may run it; the delete is idempotent.
 */
@Component
class DashboardHousekeeping {

	static final Duration COUNTED_RETENTION = Duration.ofDays(30);

	private final JdbcClient jdbc;

	private final Clock clock;

	DashboardHousekeeping(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @return how many ids were forgotten
	 */
	@Scheduled(initialDelayString = "PT7M", fixedDelayString = "PT1H")
	int clean() {
		return jdbc.sql("DELETE FROM dashboard_counted WHERE counted_at < ?")
			.param(Timestamp.from(clock.instant().minus(COUNTED_RETENTION)))
			.update();
	}

}
