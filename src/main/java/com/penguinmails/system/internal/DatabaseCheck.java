package com.penguinmails.system.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Component;

import com.penguinmails.shared.SystemCheck;
import com.penguinmails.system.SystemStatusReport.HourPoint;

/**
 * The database answers; its size, and its growth a day over the last 30 days of history
 * (least squares of {@code pg_database_size}).
 */
@Component
class DatabaseCheck implements SystemCheck {

	private final InstallationQueries queries;

	private final SystemRepository repository;

	private final Clock clock;

	DatabaseCheck(InstallationQueries queries, SystemRepository repository, Clock clock) {
		this.queries = queries;
		this.repository = repository;
		this.clock = clock;
	}

	@Override
	public String key() {
		return "database";
	}

	@Override
	public String title() {
		return "Database reachable";
	}

	@Override
	public Result run() {
		long size;
		String version;
		try {
			size = queries.databaseBytes();
			version = queries.databaseVersion();
		}
		catch (RuntimeException ex) {
			return Result.failing("The database does not answer (" + ex.getClass().getSimpleName() + ").",
					"Check that PostgreSQL runs and that PENGUINMAILS_DB_URL, its user and password reach it; with "
							+ "the embedded database, check the data directory's disk and the application log.",
					Words.figures("error", ex.getClass().getSimpleName()));
		}
		List<HourPoint> history = repository.history(clock.instant().minus(Duration.ofDays(30)));
		Forecast.Line line = Forecast.fit(history, HourPoint::databaseBytes);
		String growth = line == null ? "its growth shows once a few hours are recorded"
				: (line.slope() >= 0 ? "growing " : "shrinking ") + Words.bytes(Math.round(Math.abs(line.slope())))
						+ " a day";
		return Result.ok(
				"PostgreSQL " + version + " answers; the database holds " + Words.bytes(size) + ", " + growth + ".",
				Words.figures("size_bytes", size, "growth_bytes_per_day",
						line == null ? null : Math.round(line.slope()), "server_version", version));
	}

}
