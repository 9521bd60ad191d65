package com.penguinmails.backups.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.penguinmails.backups.BackupProperties;

/**
 * Scheduled backups ({@code penguinmails.backups.schedule}, UTC). Every node's scheduler
 * fires; one node takes the backup: a session advisory lock held for the backup's length
 * lets one in, and a node that fires late finds the period's backup there.
 */
@Component
class BackupScheduler {

	/** The advisory lock's key: "PMBK" in ASCII. */
	static final long LOCK = 0x504d424bL;

	private static final Logger log = LoggerFactory.getLogger(BackupScheduler.class);

	private final BackupService backups;

	private final BackupRepository repository;

	private final DataSource dataSource;

	private final BackupProperties properties;

	private final Clock clock;

	BackupScheduler(BackupService backups, BackupRepository repository, DataSource dataSource,
			BackupProperties properties, Clock clock) {
		this.backups = backups;
		this.repository = repository;
		this.dataSource = dataSource;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(cron = "${penguinmails.backups.schedule:0 0 3 * * *}", zone = "UTC")
	void scheduled() {
		if (!properties.enabled()) {
			return;
		}
		runOnce();
	}

	/** Takes the scheduled backup unless another node is taking or took it this hour. */
	boolean runOnce() {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			try (ResultSet locked = statement.executeQuery("SELECT pg_try_advisory_lock(" + LOCK + ")")) {
				locked.next();
				if (!locked.getBoolean(1)) {
					return false;
				}
			}
			try {
				if (repository.startedSince("scheduled", clock.instant().minus(java.time.Duration.ofHours(1)))) {
					return false;
				}
				backups.takeNow("scheduled");
				return true;
			}
			finally {
				statement.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
			}
		}
		catch (SQLException ex) {
			log.error("Could not start the scheduled backup: {}", ex.getMessage());
			return false;
		}
	}

}
