package com.penguinmails.warmup.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;

import com.penguinmails.warmup.WarmupPlan;
import com.penguinmails.warmup.WarmupSchedule;

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
