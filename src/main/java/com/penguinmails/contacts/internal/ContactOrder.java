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
 */
public record ContactOrder(String expression, String type, boolean nullable) {

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
						+ "') = 'number' THEN " + value + "::numeric END)", "numeric", true);
				// ISO 8601 dates (YYYY-MM-DD) sort as dates when sorted as text.
				case "date" -> new ContactOrder(
						"(CASE WHEN " + value + " ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN " + value + " END)", "text",
						true);
				default -> new ContactOrder(value, "text", true);
			};
		}
		return switch (sort.key()) {
			case "email" -> new ContactOrder("lower(c.email)", "text", false);
			case "score" -> new ContactOrder("c.score", "integer", false);
			case "created_at", "updated_at" -> new ContactOrder("c." + sort.key(), "timestamptz", false);
			default -> new ContactOrder("c." + sort.key(), "text", false);
		};
	}

}
