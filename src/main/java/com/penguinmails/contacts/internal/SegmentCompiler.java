package com.penguinmails.contacts.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.penguinmails.contacts.SegmentDefinition;
import com.penguinmails.contacts.SegmentDefinition.Condition;
import com.penguinmails.shared.InvalidInputProblem;

/**
 * Compiles a segment definition to a SQL condition with parameters. Field names come from
 * a fixed list mapped to columns, never from the input; every value is a bind parameter,
 * never part of the SQL text. Each field is read as text; the operator says how to
 * compare it (as text, number, date or boolean), and values that do not fit never match
 * rather than failing the query.
 */
public final class SegmentCompiler {

	public record Compiled(String sql, List<Object> params) {
	}

	/**
	 * @param sql the field as text
	 * @param type text, number, date or boolean
	 * @param typed the field already as a number or date (a stored column, compared
	 * without parsing its text row by row), or null
	 */
	private record Column(String sql, String type, String typed) {

		Column(String sql, String type) {
			this(sql, type, null);
		}

	}

	private static final Map<String, Column> COLUMNS = Map.ofEntries(text("email"), text("first_name"),
			text("last_name"), text("company"), text("title"), text("phone"), text("website"), text("linkedin_url"),
			text("time_zone"), text("country"), text("status"),
			Map.entry("score", new Column("c.score::text", "number", "c.score")),
			Map.entry("created_at",
					new Column("to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')", "date",
							"(c.created_at AT TIME ZONE 'UTC')::date")),
			Map.entry("role_address", new Column("c.role_address::text", "boolean")),
			Map.entry("disposable", new Column("c.disposable::text", "boolean")),
			Map.entry("mx_found", new Column("coalesce(c.mx_found::text, '')", "boolean")));

	/** The longest value a condition compares with, in characters. */
	public static final int MAX_VALUE_LENGTH = 1000;

	private static final String NUMBER = "'^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$'";

	private static final String DATE = "'^[0-9]{4}-[0-9]{2}-[0-9]{2}'";

	private SegmentCompiler() {
	}

	private static Map.Entry<String, Column> text(String field) {
		return Map.entry(field, new Column("c." + field, "text"));
	}

	/** The type of a standard field usable in conditions, or {@code null}. */
	public static String standardType(String field) {
		Column column = COLUMNS.get(field);
		return column == null ? null : column.type();
	}

	public static Compiled compile(SegmentDefinition definition) {
		return compile(definition, Map.of());
	}

	/**
	 * @param customTypes the workspace's custom field types (key → type); undefined keys
	 * are text
	 */
	public static Compiled compile(SegmentDefinition definition, Map<String, String> customTypes) {
		if (definition == null || definition.conditions() == null || definition.conditions().isEmpty()) {
			return new Compiled("TRUE", List.of());
		}
		if (definition.conditions().size() > 50) {
			throw new InvalidInputProblem("invalid-segment", "A segment has at most 50 conditions.");
		}
		String joiner = "any".equalsIgnoreCase(definition.match()) ? " OR " : " AND ";
		List<String> parts = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		for (Condition condition : definition.conditions()) {
			parts.add(condition(condition, customTypes, params));
		}
		return new Compiled("(" + String.join(joiner, parts) + ")", params);
	}

	/** One condition alone, for rules that score each condition separately. */
	public static Compiled compile(Condition condition, Map<String, String> customTypes) {
		List<Object> params = new ArrayList<>();
		return new Compiled("(" + condition(condition, customTypes, params) + ")", params);
	}

	private static String condition(Condition condition, Map<String, String> customTypes, List<Object> params) {
		if (condition == null) {
			throw invalid("a condition is null; give each a field and an op");
		}
		if (condition.value() != null && condition.value().length() > MAX_VALUE_LENGTH) {
			throw invalid("a condition's value is at most " + MAX_VALUE_LENGTH + " characters");
		}
		String field = condition.field() == null ? "" : condition.field().strip().toLowerCase(Locale.ROOT);
		String op = condition.op() == null ? "" : condition.op().strip().toLowerCase(Locale.ROOT);
		String value = condition.value() == null ? "" : condition.value();
		if (field.equals("tag")) {
			return tag(op, value, params);
		}
		if (field.equals("list")) {
			return list(op, value, params);
		}
		Column column = column(field, customTypes, params);
		if (column == null) {
			throw invalid("unknown field " + condition.field());
		}
		// The column appears once in every form below, so its own parameter (a custom
		// key) is bound once, before the value.
		return switch (op) {
			case "equals", "not_equals" -> equality(column, op.equals("equals"), value, params);
			case "contains", "not_contains", "starts_with", "ends_with" -> pattern(column.sql(), op, value, params);
			case "is_empty" -> column.sql() + " = ''";
			case "is_not_empty" -> column.sql() + " <> ''";
			case "greater_than" -> comparison(asNumber(column), " > ?", number(value), params);
			case "less_than" -> comparison(asNumber(column), " < ?", number(value), params);
			case "before" -> comparison(asDate(column), " < ?", date(value), params);
			case "after" -> comparison(asDate(column), " > ?", date(value), params);
			case "is_true" -> "lower(" + column.sql() + ") IN ('true', 'yes', '1')";
			case "is_false" -> "lower(" + column.sql() + ") IN ('false', 'no', '0')";
			default -> throw invalid("unknown operator " + condition.op());
		};
	}

	/** Membership: the contact has the tag (lower case) or not. */
	private static String tag(String op, String value, List<Object> params) {
		params.add(value.strip().toLowerCase(Locale.ROOT));
		return switch (op) {
			case "in", "equals" -> "? = ANY (c.tags)";
			case "not_in", "not_equals" -> "NOT (? = ANY (c.tags))";
			default -> throw invalid("tag conditions use in or not_in");
		};
	}

	/** Membership: the contact is in the list (by id) or not. */
	private static String list(String op, String value, List<Object> params) {
		try {
			params.add(UUID.fromString(value.strip()));
		}
		catch (IllegalArgumentException ex) {
			throw invalid("a list condition needs a list id");
		}
		String exists = "EXISTS (SELECT 1 FROM contact_list_members m WHERE m.contact_id = c.id AND m.list_id = ?)";
		return switch (op) {
			case "in", "equals" -> exists;
			case "not_in", "not_equals" -> "NOT " + exists;
			default -> throw invalid("list conditions use in or not_in");
		};
	}

	/**
	 * The column of a standard field, or of a custom one (its key bound as a parameter),
	 * or null when the field is neither.
	 */
	private static Column column(String field, Map<String, String> customTypes, List<Object> params) {
		if (field.startsWith("custom.") && field.length() > 7 && field.length() <= 107) {
			String key = field.substring(7);
			params.add(key);
			return new Column("coalesce(c.custom ->> ?, '')", customTypes.getOrDefault(key, "text"));
		}
		return COLUMNS.get(field);
	}

	/** Equality by the field's type: as a number, a date, or text in any case. */
	private static String equality(Column column, boolean equal, String value, List<Object> params) {
		String negation = equal ? "" : "NOT ";
		if (column.type().equals("number")) {
			params.add(number(value));
			return negation + "coalesce(" + asNumber(column) + " = ?, false)";
		}
		if (column.type().equals("date")) {
			params.add(date(value));
			return negation + "coalesce(" + asDate(column) + " = ?, false)";
		}
		params.add(value);
		return "lower(" + column.sql() + ") " + (equal ? "=" : "<>") + " lower(?)";
	}

	/** Text patterns, any case; the value is taken literally (LIKE wildcards escaped). */
	private static String pattern(String column, String op, String value, List<Object> params) {
		String escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		params.add(switch (op) {
			case "starts_with" -> escaped + "%";
			case "ends_with" -> "%" + escaped;
			default -> "%" + escaped + "%";
		});
		return (op.equals("not_contains") ? "NOT " : "") + column + " ILIKE ?";
	}

	/**
	 * An ordering comparison of a converted column (never true when it does not convert).
	 */
	private static String comparison(String converted, String operator, Object value, List<Object> params) {
		params.add(value);
		return converted + operator;
	}

	/** The column as a number, or NULL when its text is not one. */
	private static String asNumber(Column field) {
		if (field.typed() != null) {
			return field.typed();
		}
		String column = field.sql();
		return "(SELECT CASE WHEN v ~ " + NUMBER + " THEN v::numeric END FROM (SELECT " + column + " AS v) n)";
	}

	/**
	 * The column as a date (its first ten characters), or NULL when its text is not one.
	 */
	private static String asDate(Column field) {
		if (field.typed() != null) {
			return field.typed();
		}
		String column = field.sql();
		return "(SELECT CASE WHEN v ~ " + DATE + " THEN substr(v, 1, 10)::date END FROM (SELECT " + column
				+ " AS v) n)";
	}

	private static BigDecimal number(String value) {
		try {
			return new BigDecimal(value.strip());
		}
		catch (NumberFormatException ex) {
			throw invalid("this comparison needs a number, not \"" + value + "\"");
		}
	}

	private static LocalDate date(String value) {
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw invalid("this comparison needs a date (YYYY-MM-DD), not \"" + value + "\"");
		}
	}

	private static InvalidInputProblem invalid(String why) {
		return new InvalidInputProblem("invalid-segment", "The segment is not valid: " + why + ".");
	}

}
