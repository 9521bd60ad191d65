package com.penguinmails.warmup;

import java.time.LocalDate;
import java.util.List;

/**
 * One day of a mailbox's warmup: what was planned and what was done. Counts of what it
 * sent are by its warmup day; what it received and rescued by the day (in its zone) the
 * message was sent.
 *
 * @param planned new threads the schedule plans that day ({@link WarmupPlan#plannedOn})
 * @param sent new threads it sent
 * @param repliesSent answers it sent in threads
 * @param received warmup messages sent to it
 * @param inbox of what it sent, found in the receiver's inbox
 * @param spam found in spam
 * @param other found in another folder
 * @param missing never found
 * @param rescued of what it received, moved out of its spam folder
 * @param rampPercent the closed loop's percentage that day
 * @param notes the closed loop's changes that day ("Stepped back to 75 %: 4 of 10 in
 * spam", "Resumed")
 */
public record WarmupDay(LocalDate day, int planned, int sent, int repliesSent, int received, int inbox, int spam,
		int other, int missing, int rescued, int rampPercent, List<String> notes) {

	/**
	 * Where what it sent landed, in words: "9 inbox · 1 spam", "—" when nothing was found
	 * yet.
	 */
	public String landed() {
		List<String> parts = new java.util.ArrayList<>();
		add(parts, inbox, "inbox");
		add(parts, spam, "spam");
		add(parts, other, "other folder");
		add(parts, missing, "missing");
		return parts.isEmpty() ? "—" : String.join(" · ", parts);
	}

	private static void add(List<String> parts, int count, String where) {
		if (count > 0) {
			parts.add(count + " " + where);
		}
	}

}
