package com.penguinmails.reputation.internal.postmaster;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVRecord;

/**
 * The rows of the SNDS feeds, by position as SNDS documents them (no header row).
 * <p>
 * Data feed: IP address, activity start, activity end, RCPT commands, DATA commands,
 * message recipients, filter result (GREEN/YELLOW/RED), complaint rate ({@code "< 0.1%"}
 * or {@code "0.3%"}), trap message start, trap message end, trap hits, sample HELO,
 * sample MAIL FROM (the "JMR P1 sender"), comments (optional). Times are written
 * {@code M/d/yyyy h:mm a} (or 24-hour) and read as UTC.
 * <p>
 * IP status feed: first IP, last IP, blocked ("Yes"/"No"), details.
 * <p>
 * A row that does not fit (too few columns, no IP, no start time) is skipped.
 */
final class SndsCsv {

	private static final List<DateTimeFormatter> TIMES = List.of(
			DateTimeFormatter.ofPattern("M/d/yyyy h:mm a", Locale.ROOT),
			DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.ROOT),
			DateTimeFormatter.ofPattern("M/d/yyyy H:mm", Locale.ROOT),
			DateTimeFormatter.ofPattern("M/d/yyyy H:mm:ss", Locale.ROOT), DateTimeFormatter.ISO_LOCAL_DATE_TIME);

	private SndsCsv() {
	}

	static SndsDay day(CSVRecord row) {
		if (row.size() < 11 || column(row, 0) == null) {
			return null;
		}
		Instant start = time(column(row, 1));
		if (start == null) {
			return null;
		}
		String complaint = column(row, 7);
		String colour = column(row, 6);
		return new SndsDay(column(row, 0), start.atZone(ZoneOffset.UTC).toLocalDate(), start, time(column(row, 2)),
				count(column(row, 3)), count(column(row, 4)), count(column(row, 5)),
				colour == null ? null : colour.toUpperCase(Locale.ROOT), rate(complaint), complaint,
				time(column(row, 8)), time(column(row, 9)), count(column(row, 10)), column(row, 11), column(row, 12),
				column(row, 13));
	}

	static SndsIpStatus status(CSVRecord row) {
		if (row.size() < 3 || column(row, 0) == null) {
			return null;
		}
		String last = column(row, 1);
		return new SndsIpStatus(column(row, 0), last == null ? column(row, 0) : last,
				"yes".equalsIgnoreCase(column(row, 2)), column(row, 3));
	}

	/** {@code "< 0.1%"} is 0.001 (the bound), {@code "0.3%"} is 0.003; else null. */
	static Double rate(String text) {
		if (text == null) {
			return null;
		}
		String number = text.replace("<", "").replace("%", "").strip();
		try {
			return Double.parseDouble(number) / 100;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	static Instant time(String text) {
		if (text == null) {
			return null;
		}
		for (DateTimeFormatter format : TIMES) {
			try {
				return LocalDateTime.parse(text.toUpperCase(Locale.ROOT), format).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException ex) {
				// the next form
			}
		}
		return null;
	}

	private static Long count(String text) {
		if (text == null) {
			return null;
		}
		try {
			return Long.parseLong(text.replace(",", ""));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String column(CSVRecord row, int index) {
		if (index >= row.size()) {
			return null;
		}
		String value = row.get(index).strip();
		return value.isEmpty() ? null : value;
	}

}
