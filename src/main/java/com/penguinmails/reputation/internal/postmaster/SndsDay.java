package com.penguinmails.reputation.internal.postmaster;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of the Microsoft SNDS data feed: one IP's activity over one period (a day).
 *
 * @param ip the sending IP
 * @param day the UTC day the activity started
 * @param activityStart when the period started
 * @param activityEnd when it ended
 * @param rcptCommands RCPT TO commands seen
 * @param dataCommands DATA commands seen
 * @param messageRecipients recipients of the messages
 * @param filterResult {@code GREEN} (under 10 % spam), {@code YELLOW} (10–90 %) or
 * {@code RED} (over 90 %)
 * @param complaintRate complaints over recipients, 0–1 ({@code "< 0.1%"} is 0.001), or
 * null
 * @param complaintText the rate as SNDS wrote it
 * @param trapMessageStart first message to a trap, or null
 * @param trapMessageEnd last message to a trap, or null
 * @param trapHits messages to spam traps
 * @param sampleHelo a HELO/EHLO name seen
 * @param sampleMailFrom a MAIL FROM address seen
 * @param comments SNDS's comments, or null
 */
public record SndsDay(String ip, LocalDate day, Instant activityStart, Instant activityEnd, Long rcptCommands,
		Long dataCommands, Long messageRecipients, String filterResult, Double complaintRate, String complaintText,
		Instant trapMessageStart, Instant trapMessageEnd, Long trapHits, String sampleHelo, String sampleMailFrom,
		String comments) {

	/** The filter result as a level: 3 GREEN, 2 YELLOW, 1 RED, 0 unknown. */
	public int colourLevel() {
		if (filterResult == null) {
			return 0;
		}
		return switch (filterResult) {
			case "GREEN" -> 3;
			case "YELLOW" -> 2;
			case "RED" -> 1;
			default -> 0;
		};
	}

}
