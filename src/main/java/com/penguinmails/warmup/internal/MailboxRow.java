package com.penguinmails.warmup.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;

import com.penguinmails.shared.StoredValue;
import com.penguinmails.warmup.WarmupPlan;
import com.penguinmails.warmup.WarmupSchedule;
import com.penguinmails.warmup.WarmupSchedule.Preset;

/**
 * A {@code warmup_mailboxes} row as stored.
 *
 * @param disabledOn the day warmup was last turned off, or null
 */
public record MailboxRow(UUID mailboxId, UUID workspaceId, boolean enabled, WarmupSchedule schedule,
		LocalTime windowStart, LocalTime windowEnd, String timeZone, LocalDate startedOn, int rampPercent,
		LocalDate holdingSince, int maintenancePerDay, int campaignStartPerDay, int campaignIncreasePerDay,
		LocalDate campaignsStartedOn, Integer healthScore, Instant healthMeasuredAt, LocalDate disabledOn) {

	/**
	 * A mailbox never set up: off, with {@code preset}'s numbers and the defaults of V39.
	 */
	public static MailboxRow initial(UUID workspaceId, UUID mailboxId, WarmupSchedule.Preset preset) {
		return new MailboxRow(mailboxId, workspaceId, false, preset.schedule(), LocalTime.of(8, 0), LocalTime.of(18, 0),
				"UTC", null, 100, null, 10, 10, 2, null, null, null, null);
	}

	/**
	 * The row the result set stands on (every column of {@code warmup_mailboxes}): the
	 * one mapping of its columns, for each repository that reads them.
	 */
	static MailboxRow read(ResultSet rs) throws SQLException {
		WarmupSchedule schedule = new WarmupSchedule(StoredValue.of(Preset.class, rs.getString("preset")),
				rs.getInt("start_per_day"), rs.getInt("increase_per_day"), rs.getInt("max_per_day"),
				rs.getInt("reply_rate_percent"), rs.getBoolean("weekdays_only"), rs.getBoolean("random_times"));
		Timestamp measured = rs.getTimestamp("health_measured_at");
		return new MailboxRow(rs.getObject("mailbox_id", UUID.class), rs.getObject("workspace_id", UUID.class),
				rs.getBoolean("enabled"), schedule, rs.getTime("window_start").toLocalTime(),
				rs.getTime("window_end").toLocalTime(), rs.getString("time_zone"), day(rs, "started_on"),
				rs.getInt("ramp_percent"), day(rs, "holding_since"), rs.getInt("maintenance_per_day"),
				rs.getInt("campaign_start_per_day"), rs.getInt("campaign_increase_per_day"),
				day(rs, "campaigns_started_on"), (Integer) rs.getObject("health_score"),
				measured == null ? null : measured.toInstant(), day(rs, "disabled_on"));
	}

	private static LocalDate day(ResultSet rs, String column) throws SQLException {
		java.sql.Date date = rs.getDate(column);
		return date == null ? null : date.toLocalDate();
	}

	/** The plan that says how many threads it starts on a day. */
	public WarmupPlan plan() {
		return new WarmupPlan(schedule, startedOn, rampPercent, holdingSince, maintenancePerDay, campaignsStartedOn);
	}

	/** The mailbox's own day at {@code now}. */
	public LocalDate today(Instant now) {
		return LocalDate.ofInstant(now, zone());
	}

	public ZoneId zone() {
		return ZoneId.of(timeZone);
	}

}
