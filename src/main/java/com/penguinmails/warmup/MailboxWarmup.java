package com.penguinmails.warmup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import com.penguinmails.mailboxes.MailboxStatus;

/**
 * One mailbox of the workspace with its warmup (a mailbox never set up shows the
 * workspace's default preset, off).
 *
 * @param schedule the ramp (its preset, numbers, weekdays only, random times)
 * @param windowStart local time the sending window opens, in {@code timeZone}
 * @param windowEnd local time it closes
 * @param timeZone IANA zone of the window and of the mailbox's days
 * @param startedOn day 1 of the ramp, or null when never on
 * @param rampPercent the closed loop's share of the scheduled volume (25–100)
 * @param holdingSince the day the closed loop last stepped back while still holding, or
 * null
 * @param campaignsStartedOn the first day a campaign sent from it (graduation), or null
 * @param healthScore the latest health score as stored (0–100), or null when not measured
 * @param day today's ramp day (1 on {@code startedOn}), 0 when off or not started
 * @param plannedToday new warmup threads planned today ({@link WarmupPlan#plannedOn})
 * @param sentToday new warmup threads it sent today
 * @param partners distinct mailboxes that exchanged sent warmup mail with it in the last
 * 7 days
 * @param stageLabel the stage in words: "Day 5 of ramp", "Holding at 75 %", "Graduated",
 * "Off"
 */
public record MailboxWarmup(UUID mailboxId, String email, MailboxStatus mailboxStatus, boolean enabled,
		WarmupSchedule schedule, LocalTime windowStart, LocalTime windowEnd, String timeZone, int maintenancePerDay,
		int campaignStartPerDay, int campaignIncreasePerDay, LocalDate startedOn, int rampPercent,
		LocalDate holdingSince, LocalDate campaignsStartedOn, Integer healthScore, Instant healthMeasuredAt,
		WarmupStage stage, String stageLabel, int day, int plannedToday, int sentToday, int partners) {
}
