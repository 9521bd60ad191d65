package com.penguinmails.backups;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One backup, as listed on {@code /system/backups} and by {@code GET
 * /api/v1/system/backups}.
 *
 * @param id its id, also in its file name
 * @param startedAt when it started
 * @param finishedAt when it was written (null while running)
 * @param status {@code running}, {@code succeeded} or {@code failed}
 * @param kind {@code scheduled}, {@code manual} or {@code pre-migration}
 * @param schemaVersion the Flyway schema version it holds
 * @param sizeBytes the encrypted file's size in bytes
 * @param duration how long writing it took
 * @param location a file path or {@code s3://bucket/key}
 * @param sha256 hex SHA-256 of the file
 * @param verifiedAt when its verification (restore into a scratch database) ended; null
 * when not verified
 * @param verifiedOk whether every table's row count matched its manifest
 * @param verification what the verification found, e.g. "Row counts matched (92 tables)"
 * or what differed
 * @param error why it failed
 * @param format {@code pg_dump} (a {@code pg_dump --format=custom} archive) or
 * {@code logical} (PenguinMails' built-in copy); null while running or when it failed
 * @param tool what wrote it when that was {@code pg_dump}, e.g. {@code pg_dump 16.4};
 * else null
 */
public record Backup(UUID id, Instant startedAt, Instant finishedAt, String status, String kind, String schemaVersion,
		Long sizeBytes, Duration duration, String location, String sha256, Instant verifiedAt, Boolean verifiedOk,
		String verification, String error, String format, String tool) {

	/** Whether it is still being written or verified. */
	public boolean running() {
		return "running".equals(status);
	}

}
