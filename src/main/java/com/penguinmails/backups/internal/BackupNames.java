package com.penguinmails.backups.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Backup file names: {@code penguinmails-20261202T030000Z-<id>.pmbackup}, sorting by
 * time.
 */
public final class BackupNames {

	/** The backup files' extension. */
	public static final String SUFFIX = ".pmbackup";

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private BackupNames() {
	}

	public static String of(UUID id, Instant startedAt) {
		return "penguinmails-" + STAMP.format(startedAt) + "-" + id + SUFFIX;
	}

}
