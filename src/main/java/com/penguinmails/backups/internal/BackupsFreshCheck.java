package com.penguinmails.backups.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import com.penguinmails.backups.Backup;
import com.penguinmails.backups.BackupProperties;
import com.penguinmails.shared.SystemCheck;

/**
 * {@code backups.fresh}: the last verified backup is younger than one schedule period
 * plus {@code fresh-slack} (ok), older (failing), or there is none yet (warning).
 */
@Component
class BackupsFreshCheck implements SystemCheck {

	private final BackupRepository repository;

	private final BackupProperties properties;

	private final Clock clock;

	BackupsFreshCheck(BackupRepository repository, BackupProperties properties, Clock clock) {
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public String key() {
		return "backups.fresh";
	}

	@Override
	public String title() {
		return "Backups are fresh";
	}

	@Override
	public Result run() {
		try {
			Instant now = clock.instant();
			Optional<Backup> last = repository.lastVerified();
			if (last.isEmpty()) {
				return Result.warning("No verified backup yet",
						"Take one on the Backups page (Back up now) and make sure it verifies; scheduled backups run "
								+ (properties.enabled() ? "at " + properties.schedule() + " (UTC)"
										: "never: they are off"),
						Map.of());
			}
			Duration age = Duration.between(last.get().startedAt(), now);
			Duration allowed = period(now).plus(properties.freshSlack());
			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("age_hours", age.toMinutes() / 60.0);
			figures.put("allowed_hours", allowed.toMinutes() / 60.0);
			figures.put("last_backup_at", last.get().startedAt().toString());
			if (age.compareTo(allowed) <= 0) {
				return Result.ok("Last verified backup " + age.toHours() + " hours ago", figures);
			}
			return Result.failing("Last verified backup " + age.toHours() + " hours ago",
					"Check the Backups page for failed backups and their error (disk full, bucket unreachable); "
							+ (properties.enabled() ? "then take one now." : "scheduled backups are off: set "
									+ "PENGUINMAILS_BACKUPS_ENABLED=true, then take one now."),
					figures);
		}
		catch (RuntimeException ex) {
			return Result.unknown("Could not read the backups: " + ex.getMessage(), "Check the database connection.");
		}
	}

	/** The time between two scheduled runs, around now. */
	private Duration period(Instant now) {
		CronExpression cron = CronExpression.parse(properties.schedule());
		ZonedDateTime next = cron.next(now.atZone(ZoneOffset.UTC));
		ZonedDateTime after = next == null ? null : cron.next(next);
		return next == null || after == null ? Duration.ofDays(1) : Duration.between(next, after);
	}

}
