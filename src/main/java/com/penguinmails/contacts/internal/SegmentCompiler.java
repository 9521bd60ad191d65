package com.penguinmails.contacts.internal;

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
 * never part of the SQL text.
 */
public final class SegmentCompiler {

	public record Compiled(String sql, List<Object> params) {
	}

	private static final Map<String, String> COLUMNS = Map.ofEntries(Map.entry("email", "c.email"),
			Map.entry("first_name", "c.first_name"), Map.entry("last_name", "c.last_name"),
			Map.entry("company", "c.company"), Map.entry("title", "c.title"), Map.entry("phone", "c.phone"),
			Map.entry("website", "c.website"), Map.entry("linkedin_url", "c.linkedin_url"),
			Map.entry("time_zone", "c.time_zone"), Map.entry("country", "c.country"), Map.entry("status", "c.status"));

	private SegmentCompiler() {
	}

	public static Compiled compile(SegmentDefinition definition) {
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
			parts.add(condition(condition, params));
		}
		return new Compiled("(" + String.join(joiner, parts) + ")", params);
	}

	private static String condition(Condition condition, List<Object> params) {
		String field = condition.field() == null ? "" : condition.field().strip().toLowerCase(Locale.ROOT);
		String op = condition.op() == null ? "" : condition.op().strip().toLowerCase(Locale.ROOT);
		String value = condition.value() == null ? "" : condition.value();
		if (field.equals("tag")) {
			params.add(value.strip().toLowerCase(Locale.ROOT));
			return switch (op) {
				case "in", "equals" -> "? = ANY (c.tags)";
				case "not_in", "not_equals" -> "NOT (? = ANY (c.tags))";
				default -> throw invalid("tag conditions use in or not_in");
			};
		}
		if (field.equals("list")) {
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
		String column;
		if (field.startsWith("custom.") && field.length() > 7 && field.length() <= 100) {
			params.add(field.substring(7));
			column = "coalesce(c.custom ->> ?, '')";
		}
		else if (COLUMNS.containsKey(field)) {
			column = COLUMNS.get(field);
		}
		else {
			throw invalid("unknown field " + condition.field());
		}
		switch (op) {
			case "equals" -> {
				params.add(value);
				return "lower(" + column + ") = lower(?)";
			}
			case "not_equals" -> {
				params.add(value);
				return "lower(" + column + ") <> lower(?)";
			}
			case "contains", "not_contains", "starts_with", "ends_with" -> {
				String escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
				params.add(switch (op) {
					case "starts_with" -> escaped + "%";
					case "ends_with" -> "%" + escaped;
					default -> "%" + escaped + "%";
				});
				return (op.equals("not_contains") ? "NOT " : "") + column + " ILIKE ?";
			}
			case "is_empty" -> {
				return column + " = ''";
			}
			case "is_not_empty" -> {
				return column + " <> ''";
			}
			case "greater_than", "less_than" -> {
				try {
					params.add(Double.parseDouble(value.strip()));
				}
				catch (NumberFormatException ex) {
					throw invalid("greater_than and less_than need a number");
				}
				// Values that are not numbers never match, rather than failing the whole
				// query. The
				// column appears once, so its own parameter (a custom key) is bound once.
				return "(SELECT CASE WHEN v ~ '^-?[0-9]+(\\.[0-9]+)?$' THEN v::double precision END FROM (SELECT "
						+ column + " AS v) n) " + (op.equals("greater_than") ? ">" : "<") + " ?";
			}
			default -> throw invalid("unknown operator " + condition.op());
		}
	}

	private static InvalidInputProblem invalid(String why) {
		return new InvalidInputProblem("invalid-segment", "The segment is not valid: " + why + ".");
	}

}
