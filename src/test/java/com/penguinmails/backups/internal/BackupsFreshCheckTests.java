package com.penguinmails.backups.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.backups.Backup;
import com.penguinmails.backups.BackupProperties;
import com.penguinmails.shared.SystemCheck;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backups.fresh}: ok while the last verified backup is younger than a schedule
 * period (daily) plus the slack (6 h), failing with what to do after.
 */
@IntegrationTest
class BackupsFreshCheckTests {

	@Autowired
	BackupService backups;

	@Autowired
	BackupRepository repository;

	@Autowired
	BackupProperties properties;

	@Test
	void okWithinADayAndSixHoursOfTheLastVerifiedBackupThenFailing() {
		Backup backup = backups.takeNow("manual");
		assertThat(backup.verifiedOk()).as(backup.verification()).isTrue();

		SystemCheck.Result fresh = check(Duration.ofHours(29)).run();
		SystemCheck.Result stale = check(Duration.ofHours(31)).run();

		assertThat(fresh.status()).isEqualTo(SystemCheck.Status.OK);
		assertThat(fresh.summary()).isEqualTo("Last verified backup 29 hours ago");
		assertThat(fresh.figures()).containsEntry("allowed_hours", 30.0);
		assertThat(stale.status()).isEqualTo(SystemCheck.Status.FAILING);
		assertThat(stale.whatToDo()).contains("Backups page");
	}

	private BackupsFreshCheck check(Duration after) {
		Backup last = repository.lastVerified().orElseThrow();
		return new BackupsFreshCheck(repository, properties, Clock.fixed(last.startedAt().plus(after), ZoneOffset.UTC));
	}

}
