package com.penguinmails.analytics.internal.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One run of a scheduled report, in its history.
 *
 * @param id the run's id
 * @param scheduleId the schedule
 * @param from the first day the report covers (workspace time zone)
 * @param to the last day, inclusive
 * @param ranAt when it ran
 * @param trigger {@code schedule} (the runner) or {@code manual} ("send now")
 * @param status {@code sent} or {@code failed}
 * @param recipients how many members it was mailed to
 * @param skipped recipients left out (no longer members), in words; empty when none
 * @param fileName the file's name, or null when no file was made
 * @param sizeBytes the file's size in bytes, or null
 * @param delivery {@code attached}, {@code link} (a signed download link), or null
 * @param expiresAt when a download link stops working, or null
 * @param error why it failed, or null
 */
public record ReportRun(UUID id, UUID scheduleId, LocalDate from, LocalDate to, Instant ranAt, String trigger,
		String status, int recipients, String skipped, String fileName, Long sizeBytes, String delivery,
		Instant expiresAt, String error) {
}
