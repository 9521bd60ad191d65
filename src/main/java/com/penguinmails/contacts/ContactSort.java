package com.penguinmails.contacts;

import java.util.List;
import java.util.Locale;

import com.penguinmails.shared.InvalidInputProblem;

/**
 * The order of the contacts table: a column key and a direction; rows with the same value
 * are ordered by id, so every row has one place (keyset pages rely on it).
 *
 * @param key one of {@link #STANDARD}, or {@code custom.<key>} of a custom field (numbers
 * sort as numbers, dates as dates, text as text; contacts without a value come last)
 * @param descending true for {@code dir=desc}
 */
public record ContactSort(String key, boolean descending) {

	/** The standard columns a table sorts by; email sorts without regard to case. */
	public static final List<String> STANDARD = List.of("email", "first_name", "last_name", "company", "title", "score",
			"status", "created_at", "updated_at");

	/** Newest first. */
	public static final ContactSort DEFAULT = new ContactSort("created_at", true);

	/**
	 * The sort the query parameters {@code sort} and {@code dir} ask for; absent or blank
	 * parts take the default (created_at, and desc for created_at/updated_at/score, else
	 * asc). Whether a {@code custom.} key is a defined field is checked where the
	 * workspace's fields are known.
	 * @throws InvalidInputProblem {@code invalid-sort} for an unknown key,
	 * {@code invalid-dir} for a direction other than asc or desc
	 */
	public static ContactSort of(String sort, String dir) {
		String key = sort == null || sort.isBlank() ? DEFAULT.key() : sort.strip().toLowerCase(Locale.ROOT);
		if (!STANDARD.contains(key) && !(key.startsWith("custom.") && key.length() > 7 && key.length() <= 107)) {
			throw new InvalidInputProblem("invalid-sort",
					"sort is one of " + String.join(", ", STANDARD) + " or custom.<field>.");
		}
		if (dir == null || dir.isBlank()) {
			return new ContactSort(key, key.equals("created_at") || key.equals("updated_at") || key.equals("score"));
		}
		return switch (dir.strip().toLowerCase(Locale.ROOT)) {
			case "asc" -> new ContactSort(key, false);
			case "desc" -> new ContactSort(key, true);
			default -> throw new InvalidInputProblem("invalid-dir", "dir is asc or desc.");
		};
	}

	/** The custom field's key for a {@code custom.} sort, else null. */
	public String customKey() {
		return key.startsWith("custom.") ? key.substring(7) : null;
	}

	/** {@code asc} or {@code desc}, as the query parameter {@code dir} says it. */
	public String dir() {
		return descending ? "desc" : "asc";
	}

}
