package com.penguinmails.contacts;

import java.util.List;

/**
 * A segment's filter: all (AND) or any (OR) of its conditions.
 *
 * @param match {@code all} or {@code any}
 */
public record SegmentDefinition(String match, List<Condition> conditions) {

	/**
	 * @param field a contact field ({@code email}, {@code company}, {@code status}, ...),
	 * a custom field ({@code custom.plan}), {@code tag} or {@code list} (a list id)
	 * @param op equals, not_equals, contains, not_contains, starts_with, ends_with,
	 * is_empty, is_not_empty, greater_than, less_than (numbers in custom fields); for tag
	 * and list: in, not_in
	 */
	public record Condition(String field, String op, String value) {
	}

}
