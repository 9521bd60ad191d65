package com.penguinmails.analytics.internal;

import java.time.Instant;

import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Keyset;

/**
 * The position of the last entry a timeline page showed: its time, its source (0 outbox,
 * 1 inbound, 2 tracking, 3 changes: the order of sources at one instant) and its id. Text
 * form {@code <instant>~<source>~<id>}.
 */
public record TimelineCursor(Instant at, int source, String id) {

	public static final int SOURCES = 4;

	/**
	 * The cursor a client passed back; null for the first page; a 400 problem when bad.
	 */
	public static TimelineCursor parse(String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		try {
			String[] parts = cursor.split("~", 3);
			int source = Integer.parseInt(parts[1]);
			if (source < 0 || source >= SOURCES || parts[2].isBlank() || parts[2].length() > 40) {
				throw new IllegalArgumentException();
			}
			return new TimelineCursor(Instant.parse(parts[0]), source, parts[2]);
		}
		catch (RuntimeException ex) {
			throw new InvalidInputProblem("invalid-cursor", "The cursor is not valid.");
		}
	}

	/** Where a source's next rows start after this position (null: the first page). */
	public static Keyset keyset(TimelineCursor cursor, int source) {
		if (cursor == null) {
			return Keyset.FIRST;
		}
		if (source < cursor.source) {
			return new Keyset(cursor.at, false, null);
		}
		return new Keyset(cursor.at, true, source == cursor.source ? cursor.id : null);
	}

	@Override
	public String toString() {
		return at + "~" + source + "~" + id;
	}

}
