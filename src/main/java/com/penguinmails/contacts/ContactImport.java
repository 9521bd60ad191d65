package com.penguinmails.contacts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An import job and its progress. {@code errors} holds the first 1,000 bad rows, each
 * with its line number; {@code failed} counts them all.
 *
 * @param status running, done or failed (then {@code message} says why)
 */
public record ContactImport(UUID id, String status, String mode, long rowsRead, long inserted, long updated,
		long skipped, long failed, List<RowError> errors, String message, Instant createdAt, Instant finishedAt) {

	public record RowError(long line, String reason) {
	}

}
