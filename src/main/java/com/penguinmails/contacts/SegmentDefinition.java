package com.penguinmails.contacts;

import java.util.List;

/**
 * A segment's filter: all (AND) or any (OR) of its conditions.
 *
 * @param match {@code all} or {@code any}
 */
public record SegmentDefinition(String match, List<Condition> conditions) {

	/**
	 * @param field a contact field ({@code email}, {@code company}, {@code status},
	 * {@code score}, {@code created_at}, {@code role_address}, ...), a custom field
	 * ({@code custom.plan}), {@code tag} or {@code list} (a list id)
	 * @param op text: equals, not_equals, contains, not_contains, starts_with, ends_with,
	 * is_empty, is_not_empty; numbers: equals, not_equals, greater_than, less_than; dates
	 * (YYYY-MM-DD): equals, before, after; booleans: is_true, is_false; tag and list: in,
	 * not_in
	 */
	public record Condition(String field, String op, String value) {
	}

}
