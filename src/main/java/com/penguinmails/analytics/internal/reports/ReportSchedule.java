package com.penguinmails.analytics.internal.reports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.penguinmails.analytics.ReportFormat;
import com.penguinmails.analytics.ReportView;

/**
 * A scheduled report: a workspace analytics view over a period that just ended, written
 * as a file and e-mailed to chosen members at a local time of the workspace.
 *
 * @param id the schedule's id
 * @param name a name of the user's, shown in the e-mail's subject
 * @param view the analytics view
 * @param period the days the report covers, ending the day before each run
 * @param campaignIds campaigns the report is limited to, empty for all
 * @param format the file's format
 * @param cadence daily, weekly or monthly
 * @param dayOfWeek ISO weekday 1 (Monday) to 7 for weekly, else null
 * @param dayOfMonth 1 to 28 for monthly, else null
 * @param time the local time of day, {@code HH:MM} (24 h) in the workspace's time zone
 * @param recipients the members' user ids
 * @param createdBy the user who made it, or null when that user is gone
 * @param createdAt when it was made
 * @param paused true when it does not run
 * @param nextRunAt the next run, an instant (while paused, ignored: resuming computes it
 * afresh)
 */
public record ReportSchedule(UUID id, String name, ReportView view, ReportPeriod period, List<UUID> campaignIds,
		ReportFormat format, ReportCadence cadence, Integer dayOfWeek, Integer dayOfMonth, String time,
		List<UUID> recipients, UUID createdBy, Instant createdAt, boolean paused, Instant nextRunAt) {

	/** The schedule's timing in {@code zone}. */
	NextRun.Timing timing(java.time.ZoneId zone) {
		return new NextRun.Timing(cadence, dayOfWeek, dayOfMonth, java.time.LocalTime.parse(time), zone);
	}

}
