package com.penguinmails.warmup;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * A mailbox's warmup ramp: on its n-th sending day it sends
 * {@code startPerDay + (n - 1) ×
 * increasePerDay} warmup messages, never more than {@code maxPerDay}, and answers
 * {@code replyRatePercent} of the warmup mail it receives.
 *
 * @param preset which preset the numbers come from ({@link Preset#CUSTOM} when edited)
 * @param startPerDay messages on day 1 (1–50)
 * @param increasePerDay added each sending day (0–20)
 * @param maxPerDay the ceiling (1–50)
 * @param replyRatePercent share of received warmup mail answered (0–100)
 * @param weekdaysOnly no warmup on Saturdays and Sundays (they do not count as ramp days)
 * @param randomTimes sends at random times within the window, else evenly spaced
 */
public record WarmupSchedule(Preset preset, int startPerDay, int increasePerDay, int maxPerDay, int replyRatePercent,
		boolean weekdaysOnly, boolean randomTimes) {

	/** The presets a user picks from; custom is anything edited. */
	public enum Preset implements StoredValue {

		/** Slow and safe: for new domains or a damaged reputation. */
		CONSERVATIVE("conservative", "Conservative", 2, 1, 20, 30),
		/** The default: most new mailboxes. */
		STANDARD("standard", "Standard", 3, 2, 40, 30),
		/** Fast: aged domains with a clean history. */
		AGGRESSIVE("aggressive", "Aggressive", 5, 4, 50, 40),
		/** Numbers chosen by the user. */
		CUSTOM("custom", "Custom", 3, 2, 40, 30);

		private final String value;

		private final String label;

		private final WarmupSchedule schedule;

		Preset(String value, String label, int start, int increase, int max, int replyRate) {
			this.value = value;
			this.label = label;
			this.schedule = new WarmupSchedule(this, start, increase, max, replyRate, false, true);
		}

		@Override
		@JsonValue
		public String value() {
			return value;
		}

		/** What people read. */
		public String label() {
			return label;
		}

		/** The preset's numbers (every day of the week, random times). */
		public WarmupSchedule schedule() {
			return schedule;
		}

	}

	/**
	 * Messages planned on the given sending day before the closed loop's adjustment.
	 * @param sendingDay 1 for the first day warmup sends (weekends skipped when
	 * {@link #weekdaysOnly})
	 */
	public int volumeOn(int sendingDay) {
		long volume = (long) startPerDay + (long) Math.max(0, sendingDay - 1) * increasePerDay;
		return (int) Math.max(0, Math.min(maxPerDay, volume));
	}

	/**
	 * Messages planned on the sending day with the closed loop's ramp percentage applied
	 * (100 normally, lower after a step back); at least 1 while warmup is on.
	 */
	public int plannedOn(int sendingDay, int rampPercent) {
		return Math.max(1, (int) Math.round(volumeOn(sendingDay) * Math.max(0, rampPercent) / 100.0));
	}

}
