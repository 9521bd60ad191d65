package com.penguinmails.analytics;

import java.time.Instant;
import java.util.List;

/**
 * A campaign's activity over time for the chart: per hour when the campaign's activity
 * spans 3 days or less (at least the 24 hours from its first hour, so one day reads as 24
 * points, but never past the current hour), per day (UTC) otherwise; every bucket between
 * the first and the last is there, empty ones as zeros.
 *
 * @param unit {@code hour} or {@code day}
 * @param points oldest first
 */
public record Chart(String unit, List<Point> points) {

	/** One bucket, starting at {@code at}: messages sent, opens, clicks and replies. */
	public record Point(Instant at, long sent, long opensHuman, long opensMachine, long clicksHuman, long clicksMachine,
			long replied) {
	}

}
