package com.penguinmails.contacts.internal;

import java.util.UUID;

import com.penguinmails.contacts.ContactFilter;
import com.penguinmails.contacts.ContactStatus;
import com.penguinmails.shared.InvalidInputProblem;

/**
 * The filter's query parameters of pages, the bulk form and the API ({@code q},
 * {@code list}, {@code tag}, {@code status}, {@code segment}) read into a
 * {@link ContactFilter}; blank is no condition.
 */
public final class FilterParams {

	private FilterParams() {
	}

	/**
	 * @throws InvalidInputProblem {@code invalid-filter} for a list or segment that is
	 * not an id, or a status that is none of ours
	 */
	public static ContactFilter parse(String q, String list, String tag, String status, String segment) {
		ContactStatus parsedStatus = null;
		if (status != null && !status.isBlank()) {
			try {
				parsedStatus = ContactStatus.of(status);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputProblem("invalid-filter",
						"status must be active, unsubscribed, bounced or complained.");
			}
		}
		return new ContactFilter(blankToNull(q), id(list, "list"), blankToNull(tag), parsedStatus,
				id(segment, "segment"));
	}

	private static UUID id(String value, String name) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("invalid-filter", name + " must be an id.");
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
