package com.penguinmails.analytics.internal.reports;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every node's report runner: once a minute it sends the reports due (each claimed by one
 * node), and hourly drops the kept files of expired download links. Off with
 * {@code penguinmails.analytics.reports.runner-enabled=false} (tests call
 * {@link ReportRunner#runDue} with the instants they choose).
 */
@Component
@ConditionalOnProperty(name = "penguinmails.analytics.reports.runner-enabled", havingValue = "true",
		matchIfMissing = true)
class ReportRunnerLoop {

	private static final Logger log = LoggerFactory.getLogger(ReportRunnerLoop.class);

	private final ReportRunner runner;

	private final Clock clock;

	ReportRunnerLoop(ReportRunner runner, Clock clock) {
		this.runner = runner;
		this.clock = clock;
	}

	@Scheduled(cron = "5 * * * * *")
	void runDue() {
		try {
			runner.runDue(clock.instant());
		}
		catch (RuntimeException ex) {
			log.warn("Scheduled reports round failed: {}", ex.toString());
		}
	}

	@Scheduled(initialDelayString = "PT2M", fixedDelayString = "PT1H")
	void dropExpiredFiles() {
		runner.dropExpiredFiles();
	}

}
