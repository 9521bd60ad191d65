package com.penguinmails.warmup;

/**
 * A change of one mailbox's warmup (the API's PUT body and the page's form); a null field
 * keeps its value. With a preset other than {@code custom} named, the preset's numbers
 * apply and the four schedule numbers given are ignored (the page's form sends them all);
 * schedule numbers given without a preset make the schedule custom.
 *
 * @param enabled warmup on or off (turning it on starts the ramp: see
 * {@link Warmup#update})
 * @param preset {@code standard}, {@code aggressive}, {@code conservative} or
 * {@code custom}
 * @param startPerDay custom: new threads on day 1 (1–50)
 * @param increasePerDay custom: added each sending day (0–20)
 * @param maxPerDay custom: the ceiling (1–50, at least {@code startPerDay})
 * @param replyRatePercent custom: share of received warmup mail answered (0–100)
 * @param weekdaysOnly no warmup on Saturdays and Sundays
 * @param randomTimes random times within the window, else evenly spaced
 * @param windowStart local time {@code HH:mm} the sending window opens
 * @param windowEnd local time {@code HH:mm} it closes (after {@code windowStart})
 * @param timeZone IANA time zone of the window and of the mailbox's days, e.g.
 * {@code Europe/Berlin}
 * @param maintenancePerDay warmup threads a day once campaigns send (0–50)
 * @param campaignStartPerDay graduation: campaign messages on the first campaign day
 * (1–500)
 * @param campaignIncreasePerDay graduation: added each day up to the daily cap (0–100)
 */
public record MailboxWarmupChanges(Boolean enabled, String preset, Integer startPerDay, Integer increasePerDay,
		Integer maxPerDay, Integer replyRatePercent, Boolean weekdaysOnly, Boolean randomTimes, String windowStart,
		String windowEnd, String timeZone, Integer maintenancePerDay, Integer campaignStartPerDay,
		Integer campaignIncreasePerDay) {

	/** Only turns warmup on or off. */
	public static MailboxWarmupChanges enabled(boolean enabled) {
		return new MailboxWarmupChanges(enabled, null, null, null, null, null, null, null, null, null, null, null, null,
				null);
	}

}
