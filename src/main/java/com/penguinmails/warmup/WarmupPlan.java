package com.penguinmails.warmup;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Where a mailbox's warmup stands, and how many warmup threads it starts on a day.
 *
 * @param startedOn day 1 of the ramp, or null when warmup never started
 * @param rampPercent the closed loop's adjustment (100 normally, lower after step backs)
 * @param holdingSince while held after a step back: the ramp day stays where it was on
 * this day until recovery; null when not holding
 * @param maintenancePerDay the volume once campaigns send from the mailbox (graduation)
 * @param campaignsStartedOn the first day a campaign sent from the mailbox, or null
 */
public record WarmupPlan(WarmupSchedule schedule, LocalDate startedOn, int rampPercent, LocalDate holdingSince,
		int maintenancePerDay, LocalDate campaignsStartedOn) {

	/**
	 * New warmup threads the mailbox starts on {@code day} (answers come on top, at the
	 * receivers' reply rates): 0 before it started and on weekends when
	 * {@link WarmupSchedule#weekdaysOnly}; the maintenance volume once it has graduated;
	 * else the schedule's volume on its sending day (frozen while holding) times the ramp
	 * percentage.
	 */
	public int plannedOn(LocalDate day) {
		if (startedOn == null || day.isBefore(startedOn) || (schedule.weekdaysOnly() && weekend(day))) {
			return 0;
		}
		if (campaignsStartedOn != null && !day.isBefore(campaignsStartedOn)) {
			return Math.max(0, maintenancePerDay);
		}
		LocalDate counted = holdingSince != null && day.isAfter(holdingSince) ? holdingSince : day;
		return schedule.plannedOn(sendingDay(counted), rampPercent);
	}

	/**
	 * The ramp day {@code day} is: 1 on {@link #startedOn}, counting only weekdays when
	 * {@link WarmupSchedule#weekdaysOnly}; 0 before the start.
	 */
	public int sendingDay(LocalDate day) {
		if (startedOn == null || day.isBefore(startedOn)) {
			return 0;
		}
		if (!schedule.weekdaysOnly()) {
			return (int) ChronoUnit.DAYS.between(startedOn, day) + 1;
		}
		int count = 0;
		for (LocalDate d = startedOn; !d.isAfter(day); d = d.plusDays(1)) {
			if (!weekend(d)) {
				count++;
			}
		}
		return Math.max(1, count);
	}

	private static boolean weekend(LocalDate day) {
		return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
	}

}
