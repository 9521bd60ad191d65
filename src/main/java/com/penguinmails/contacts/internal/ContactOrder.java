package com.penguinmails.contacts.internal;

import java.util.Map;
import java.util.regex.Pattern;

import com.penguinmails.contacts.ContactSort;
import com.penguinmails.shared.InvalidInputProblem;

/**
 * The SQL of a {@link ContactSort} on {@code contacts c}: the expression rows are ordered
 * by, the type a cursor's value is cast back to, and whether the expression can be null
 * (custom fields: contacts without a value come last in either direction). Expressions
 * come from this class only; a custom key is checked against the defined fields and the
 * key pattern before it is written into SQL.
 *
 * @param expression SQL over {@code c}
 * @param type the SQL type of the expression, for {@code CAST(? AS type)}
 * @param nullable true when the expression may be null
 * @param indexed true when an index on {@code (workspace_id, expression, id)} (or one the
 * planner reads in that order) serves the order (V14, V43, V53): a page of a broad filter
 * is then the first rows of an index walk; false for score, updated_at and custom fields,
 * whose page sorts every matching contact
 */
public record ContactOrder(String expression, String type, boolean nullable, boolean indexed) {

	private static final Pattern KEY = Pattern.compile("[a-z0-9_]{1,100}");

	/**
	 * @param customTypes key → type (text, number, date, boolean) of the workspace's
	 * custom fields
	 * @throws InvalidInputProblem {@code invalid-sort} for a custom key that is no field
	 */
	public static ContactOrder of(ContactSort sort, Map<String, String> customTypes) {
		String custom = sort.customKey();
		if (custom != null) {
			String type = customTypes.get(custom);
			if (type == null || !KEY.matcher(custom).matches()) {
				throw new InvalidInputProblem("invalid-sort", "There is no custom field " + custom + " to sort by.");
			}
			String value = "(c.custom ->> '" + custom + "')";
			return switch (type) {
				case "number" -> new ContactOrder("(CASE WHEN jsonb_typeof(c.custom -> '" + custom
						+ "') = 'number' THEN " + value + "::numeric END)", "numeric", true, false);
				// ISO 8601 dates (YYYY-MM-DD) sort as dates when sorted as text.
				case "date" -> new ContactOrder(
						"(CASE WHEN " + value + " ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN " + value + " END)", "text",
						true, false);
				default -> new ContactOrder(value, "text", true, false);
			};
		}
		return switch (sort.key()) {
			case "email" -> new ContactOrder("lower(c.email)", "text", false, true);
			case "score" -> new ContactOrder("c.score", "integer", false, false);
			case "created_at" -> new ContactOrder("c.created_at", "timestamptz", false, true);
			case "updated_at" -> new ContactOrder("c.updated_at", "timestamptz", false, false);
			// first_name, last_name, company, title, status: V43's and V53's indexes.
			default -> new ContactOrder("c." + sort.key(), "text", false, true);
		};
	}

}
