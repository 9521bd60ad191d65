package com.penguinmails.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;

import com.penguinmails.identity.InstallationAdmins;
import com.penguinmails.shared.Tenant;
import com.penguinmails.system.SystemStatusReport.Check;
import com.penguinmails.system.SystemStatusReport.HourPoint;
import com.penguinmails.system.internal.CheckRunner;
import com.penguinmails.system.internal.Forecast;
import com.penguinmails.system.internal.SystemProperties;
import com.penguinmails.system.internal.SystemRepository;

/**
 * The installation's status for its admins: every check run now (each within its
 * timeout), the nodes' heartbeats and the resource history with the disk forecast.
 */
@Service
public class SystemStatus {

	private final InstallationAdmins admins;

	private final CheckRunner runner;

	private final SystemRepository repository;

	private final SystemProperties properties;

	private final Clock clock;

	SystemStatus(InstallationAdmins admins, CheckRunner runner, SystemRepository repository,
			SystemProperties properties, Clock clock) {
		this.admins = admins;
		this.runner = runner;
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Runs every check and reads the nodes and the history.
	 * @throws com.penguinmails.shared.AccessDeniedProblem (403) unless the caller is an
	 * installation admin and, with an API key, the key holds {@code system:read}
	 */
	public SystemStatusReport status(Tenant tenant) {
		admins.require(tenant, "system:read");
		Instant now = clock.instant();
		List<Check> checks = runner.run();
		List<HourPoint> history = repository.history(now.minus(Duration.ofDays(properties.historyDays())));
		return new SystemStatusReport(CheckRunner.overall(checks), now, checks, repository.nodes(now), history,
				Forecast.diskFull(history));
	}

}
