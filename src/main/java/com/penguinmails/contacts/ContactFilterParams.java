package com.penguinmails.contacts;

import java.util.Locale;
import java.util.UUID;

import com.penguinmails.shared.InvalidInputProblem;

/**
 * The query parameters of a contact filter as pages, the API, bulk actions and exports
 * take them: {@code q}, {@code list}, {@code tag}, {@code status}, {@code segment}.
 */
public final class ContactFilterParams {

	/** The longest search text, in characters. */
	public static final int MAX_QUERY = 200;

	private ContactFilterParams() {
	}

	/**
	 * The filter the parameters describe; null or blank parameters add no condition.
	 * @param list a list id (UUID)
	 * @param status a status value such as {@code active}
	 * @param segment a segment id (UUID)
	 * @throws InvalidInputProblem {@code invalid-query} (over {@link #MAX_QUERY}
	 * characters), {@code invalid-list}, {@code invalid-tag} (over 100 characters),
	 * {@code invalid-status}, {@code invalid-segment-id}
	 */
	public static ContactFilter of(String q, String list, String tag, String status, String segment) {
		String query = blank(q) ? null : q.strip();
		if (query != null && query.length() > MAX_QUERY) {
			throw new InvalidInputProblem("invalid-query", "The search is at most " + MAX_QUERY + " characters.");
		}
		String cleanTag = blank(tag) ? null : tag.strip().toLowerCase(Locale.ROOT);
		if (cleanTag != null && cleanTag.length() > 100) {
			throw new InvalidInputProblem("invalid-tag", "A tag is at most 100 characters.");
		}
		ContactStatus contactStatus = null;
		if (!blank(status)) {
			try {
				contactStatus = ContactStatus.of(status);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputProblem("invalid-status",
						"status is one of active, unsubscribed, bounced, complained.");
			}
		}
		return new ContactFilter(query, uuid(list, "invalid-list", "list"), cleanTag, contactStatus,
				uuid(segment, "invalid-segment-id", "segment"));
	}

	private static UUID uuid(String value, String type, String name) {
		if (blank(value)) {
			return null;
		}
		try {
			return UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem(type, name + " must be an id (a UUID).");
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
