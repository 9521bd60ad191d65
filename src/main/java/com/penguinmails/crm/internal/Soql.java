package com.penguinmails.crm.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.penguinmails.shared.InvalidInputProblem;

/**
 * The SOQL of a Salesforce import, built here: the user gives only a WHERE condition,
 * which is checked token by token before it is stored or sent. A condition may hold field
 * names (the object's standard fields listed here, or custom ones ending in {@code __c},
 * also through {@code Account.}), comparison operators ({@code = != <> < <= > >=}),
 * {@code LIKE IN NOT IN INCLUDES EXCLUDES}, {@code AND OR NOT}, parentheses, commas,
 * string literals in single quotes, numbers, dates and date-times (ISO 8601), {@code null
 * true false} and SOQL's date literals ({@code TODAY}, {@code LAST_N_DAYS:30}, …).
 * Anything else (a semicolon, a sub-query, {@code LIMIT}, an unknown field) is refused
 * with the token named.
 */
public final class Soql {

	/** The objects an import reads. */
	public static final List<String> OBJECTS = List.of("Contact", "Lead");

	/** The longest condition accepted. */
	public static final int MAX_CONDITION = 1000;

	/** Salesforce field → our contact field, per object. */
	public static final Map<String, Map<String, String>> STANDARD = Map.of("Contact",
			Map.of("Email", "email", "FirstName", "firstName", "LastName", "lastName", "Title", "title", "Phone",
					"phone", "Account.Name", "company", "MailingCountry", "country", "Account.Website", "website"),
			"Lead", Map.of("Email", "email", "FirstName", "firstName", "LastName", "lastName", "Title", "title",
					"Phone", "phone", "Company", "company", "Country", "country", "Website", "website"));

	private static final Set<String> COMMON = Set.of("id", "email", "firstname", "lastname", "name", "title", "phone",
			"mobilephone", "ownerid", "createddate", "lastmodifieddate", "systemmodstamp", "leadsource",
			"hasoptedoutofemail", "donotcall", "emailbouncedreason", "emailbounceddate", "description", "salutation",
			"isdeleted");

	private static final Map<String, Set<String>> FIELDS = Map.of("contact",
			union(COMMON, "accountid", "department", "mailingcountry", "mailingcity", "mailingstate",
					"mailingpostalcode", "birthdate", "account.name", "account.website", "account.industry",
					"account.type", "account.billingcountry", "account.numberofemployees", "account.ownerid"),
			"lead", union(COMMON, "company", "website", "country", "city", "state", "postalcode", "status", "industry",
					"rating", "isconverted", "numberofemployees", "annualrevenue"));

	private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "like", "in", "includes", "excludes", "null",
			"true", "false");

	private static final Pattern DATE_LITERAL = Pattern
		.compile("today|yesterday|tomorrow|(last|this|next)_(week|month|quarter|year|fiscal_quarter|fiscal_year)"
				+ "|(last|next)_90_days|(last|next)_n_(days|weeks|months|quarters|years|fiscal_quarters|fiscal_years):"
				+ "[0-9]{1,4}|n_(days|weeks|months|quarters|years|fiscal_quarters|fiscal_years)_ago:[0-9]{1,4}");

	/** A custom field ({@code Something__c}). */
	public static final Pattern CUSTOM = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,37}__c");

	private static final Pattern TOKEN = Pattern.compile("\\s*(?:" + "(?<string>'(?:[^'\\\\]|\\\\.)*')"
			+ "|(?<datetime>[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{1,3})?(?:Z|[+-][0-9]{2}:[0-9]{2}))?)(?![0-9A-Za-z_])"
			+ "|(?<number>-?[0-9]+(?:\\.[0-9]+)?)(?![0-9A-Za-z_])" + "|(?<operator><=|>=|!=|<>|=|<|>)"
			+ "|(?<punct>[(),])" + "|(?<word>[A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z][A-Za-z0-9_]*)?(?::[0-9]{1,4})?)"
			+ ")");

	private Soql() {
	}

	/**
	 * The condition checked and tidied (spaces collapsed), or null for none.
	 * @param object {@code Contact} or {@code Lead}
	 * @throws InvalidInputProblem {@code crm-filter} naming what is not allowed
	 */
	public static String condition(String object, String where) {
		if (where == null || where.isBlank()) {
			return null;
		}
		String text = where.strip();
		if (text.regionMatches(true, 0, "WHERE ", 0, 6)) {
			text = text.substring(6).strip();
		}
		if (text.contains(";")) {
			throw refused("A condition has no semicolon: give only what follows WHERE.");
		}
		if (text.length() > MAX_CONDITION) {
			throw refused("The condition is longer than " + MAX_CONDITION + " characters.");
		}
		Set<String> fields = FIELDS.get(object.toLowerCase(Locale.ROOT));
		List<String> tokens = new ArrayList<>();
		Matcher m = TOKEN.matcher(text);
		int at = 0;
		int depth = 0;
		while (at < text.length()) {
			if (text.substring(at).isBlank()) {
				break;
			}
			if (!m.find(at) || m.start() != at) {
				throw refused("Only field names, operators, values, AND, OR, NOT and parentheses may be used: \""
						+ near(text, at) + "\" is not allowed.");
			}
			String token = m.group().strip();
			if (m.group("word") != null) {
				String lower = token.toLowerCase(Locale.ROOT);
				boolean known = KEYWORDS.contains(lower) || DATE_LITERAL.matcher(lower).matches()
						|| (!lower.contains(":") && (fields.contains(lower) || customField(lower)));
				if (!known) {
					throw refused("\"" + token + "\" is not a " + object
							+ " field PenguinMails may filter on (standard "
							+ "fields such as Email, LeadSource or CreatedDate, or custom fields ending in __c).");
				}
			}
			else if ("(".equals(token)) {
				depth++;
			}
			else if (")".equals(token) && --depth < 0) {
				throw refused("A closing parenthesis has no opening one.");
			}
			tokens.add(token);
			at = m.end();
		}
		if (depth != 0) {
			throw refused("A parenthesis is not closed.");
		}
		return tokens.isEmpty() ? null : String.join(" ", tokens);
	}

	/**
	 * The query of an import: Id, LastModifiedDate, the object's standard fields and the
	 * custom ones, from the object, with the checked condition.
	 * @param custom custom field names ({@code Something__c}), already checked
	 */
	public static String select(String object, List<String> custom, String condition) {
		Set<String> names = new LinkedHashSet<>();
		names.add("Id");
		// The record's modification time: the "newest wins" field policy compares it.
		names.add("LastModifiedDate");
		names.addAll(STANDARD.get(object).keySet().stream().sorted().toList());
		names.addAll(custom);
		String checked = condition(object, condition);
		return "SELECT " + String.join(", ", names) + " FROM " + object + (checked == null ? "" : " WHERE " + checked);
	}

	private static boolean customField(String lower) {
		String name = lower.startsWith("account.") ? lower.substring("account.".length()) : lower;
		return CUSTOM.matcher(name).matches() && !name.contains(".");
	}

	private static String near(String text, int at) {
		String rest = text.substring(at).strip();
		return rest.length() > 20 ? rest.substring(0, 20) + "…" : rest;
	}

	private static InvalidInputProblem refused(String message) {
		return new InvalidInputProblem("crm-filter", message);
	}

	private static Set<String> union(Set<String> base, String... more) {
		Set<String> all = new LinkedHashSet<>(base);
		all.addAll(List.of(more));
		return Set.copyOf(all);
	}

}
