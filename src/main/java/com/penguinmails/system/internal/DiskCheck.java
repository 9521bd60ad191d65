package com.penguinmails.system.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import com.penguinmails.shared.SystemCheck;
import com.penguinmails.system.SystemStatusReport.DiskForecast;
import com.penguinmails.system.SystemStatusReport.HourPoint;

/**
 * Free space on the data directory's file system (the embedded database, keys, backups):
 * warning under 15 % free or when the forecast says full within 14 days, failing under 5
 * % free.
 */
@Component
class DiskCheck implements SystemCheck {

	static final double WARN_BELOW = 0.15;

	static final double FAIL_BELOW = 0.05;

	static final int WARN_DAYS = 14;

	private static final String WHAT_TO_DO = "Free space on the data directory's disk (PENGUINMAILS_DATA_DIR: old "
			+ "backups, logs, exports) or grow the volume; the embedded database stops writing when the disk is full.";

	private final ResourceSampler sampler;

	private final SystemRepository repository;

	private final SystemProperties properties;

	private final Clock clock;

	DiskCheck(ResourceSampler sampler, SystemRepository repository, SystemProperties properties, Clock clock) {
		this.sampler = sampler;
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public String key() {
		return "disk";
	}

	@Override
	public String title() {
		return "Disk space";
	}

	@Override
	public Result run() {
		ResourceSampler.Sample sample = sampler.measure();
		if (sample.diskTotal() <= 0) {
			return Result.unknown("The data directory's disk could not be read.",
					"Check that PENGUINMAILS_DATA_DIR exists and the application may read it.");
		}
		List<HourPoint> history = repository.history(clock.instant().minus(Duration.ofDays(properties.historyDays())));
		DiskForecast forecast = Forecast.diskFull(history);
		return judge(sample.diskFree(), sample.diskTotal(), forecast);
	}

	/** The outcome for {@code free} of {@code total} bytes and the forecast. */
	static Result judge(long free, long total, DiskForecast forecast) {
		double share = (double) free / total;
		String summary = Words.bytes(free) + " free of " + Words.bytes(total) + " ("
				+ String.format(Locale.ROOT, "%.1f", share * 100) + " %). " + forecast.text();
		var figures = Words.figures("free_bytes", free, "total_bytes", total, "free_percent",
				Math.round(share * 1000) / 10.0, "days_until_full", forecast.daysUntilFull());
		if (share < FAIL_BELOW) {
			return Result.failing(summary, WHAT_TO_DO, figures);
		}
		if (share < WARN_BELOW || (forecast.daysUntilFull() != null && forecast.daysUntilFull() < WARN_DAYS)) {
			return Result.warning(summary, WHAT_TO_DO, figures);
		}
		return Result.ok(summary, figures);
	}

}
