package com.penguinmails.contacts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An import job and its progress. {@code errors} holds the first 1,000 bad rows, each
 * with its line number; {@code failed} counts them all.
 *
 * @param status running, done or failed (then {@code message} says why)
 * @param mode {@code update} (existing contacts take the file's values) or {@code skip}
 * @param bytesRead how much of the file is read, of {@code bytesTotal}: the progress
 * @param listId the list the imported contacts join, or null
 * @param checkMx whether each domain's mail servers are looked up
 * @param encoding the character encoding the file was read in (IANA name, e.g.
 * {@code UTF-8}, {@code windows-1252}); null for jobs from before it was recorded
 * @param encodingSource how it was chosen: {@code given} (by the user), {@code bom} (the
 * file's byte order mark) or {@code detected} (from the bytes)
 * @param delimiter the field delimiter used (one character, or {@code tab})
 */
public record ContactImport(UUID id, ImportStatus status, String mode, long rowsRead, long inserted, long updated,
		long skipped, long failed, List<RowError> errors, String message, long bytesRead, long bytesTotal, UUID listId,
		boolean checkMx, Instant createdAt, Instant finishedAt, String encoding, String encodingSource,
		String delimiter) {

	/** Percent of the file read (0 to 100). */
	public int percent() {
		if (status == ImportStatus.DONE) {
			return 100;
		}
		return bytesTotal <= 0 ? 0 : (int) Math.min(100, bytesRead * 100 / bytesTotal);
	}

	/** A refused row: its line in the file (1 is the header) and why. */
	public record RowError(long line, String reason) {
	}

}
