package com.penguinmails.contacts;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * How many contacts match a filter, counted at most up to a limit: a page load never
 * counts a million rows. {@code atLeast} says the count stopped at {@code value} and more
 * match.
 *
 * @param value the exact count, or the limit it stopped at
 * @param atLeast true when more than {@code value} match
 */
public record ContactCount(long value, boolean atLeast) {

	/** The most a page load counts; above it the table says "10,000+". */
	public static final int LIMIT = 10_000;

	/** From a count of at most {@code LIMIT + 1} rows. */
	static ContactCount upTo(long counted) {
		return counted > LIMIT ? new ContactCount(LIMIT, true) : new ContactCount(counted, false);
	}

	/** For people: {@code 1,204} or {@code 10,000+}. */
	public String text() {
		return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(value) + (atLeast ? "+" : "");
	}

}
