package com.penguinmails.analytics.internal.reports;

import java.util.List;
import java.util.UUID;

/**
 * A schedule as a user sends it (the API's body, the page's form): strings, checked by
 * {@link ReportSchedules}, each bad value a 400 problem naming its field.
 *
 * @param name 1 to 200 characters
 * @param view an analytics view: overview, daily, funnel, heatmap, mailboxes, domains,
 * providers, variants, campaigns
 * @param period last_day, last_7_days, last_30_days or last_month
 * @param campaignIds campaigns to limit the report to (none: all)
 * @param format csv, xlsx or pdf
 * @param cadence daily, weekly or monthly
 * @param dayOfWeek for weekly: 1 (Monday) to 7 (Sunday)
 * @param dayOfMonth for monthly: 1 to 28
 * @param time local time {@code HH:MM} (24 h) in the workspace's time zone
 * @param recipients user ids of members of the workspace, at least one
 * @param paused true to keep it without running it
 */
public record ScheduleForm(String name, String view, String period, List<UUID> campaignIds, String format,
		String cadence, Integer dayOfWeek, Integer dayOfMonth, String time, List<UUID> recipients, Boolean paused) {
}
