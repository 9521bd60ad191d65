package com.penguinmails.contacts.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.penguinmails.shared.EmailAddresses;

/**
 * The contact fields a CSV column can map to, the automatic guesses from header names,
 * and the flags set at import (role addresses like info@, disposable domains).
 */
public final class ContactFields {

	/**
	 * Standard fields, in table order; any other mapped column becomes a custom field.
	 */
	public static final List<String> STANDARD = List.of("email", "first_name", "last_name", "company", "title", "phone",
			"website", "linkedin_url", "time_zone", "country", "tags");

	private static final Map<String, String> GUESSES = new LinkedHashMap<>();

	static {
		alias("email", "email", "e_mail", "email_address", "mail", "work_email", "emailaddress");
		alias("first_name", "first_name", "firstname", "first", "given_name", "forename");
		alias("last_name", "last_name", "lastname", "last", "surname", "family_name");
		alias("company", "company", "company_name", "organisation", "organization", "account", "employer");
		alias("title", "title", "job_title", "position", "role");
		alias("phone", "phone", "phone_number", "mobile", "telephone", "tel");
		alias("website", "website", "url", "web", "company_website", "domain");
		alias("linkedin_url", "linkedin_url", "linkedin", "linkedin_profile", "person_linkedin_url");
		alias("time_zone", "time_zone", "timezone", "tz");
		alias("country", "country", "country_code");
		alias("tags", "tags", "tag", "labels");
	}

	private static final Set<String> ROLES = Set.of("info", "sales", "admin", "administrator", "support", "contact",
			"hello", "office", "marketing", "team", "noreply", "no-reply", "billing", "help", "hr", "jobs", "careers",
			"press", "webmaster", "postmaster", "abuse", "enquiries", "inquiries", "service", "accounts");

	private static final Set<String> DISPOSABLE = loadDisposable();

	/** The most tags one contact has. */
	public static final int MAX_TAGS = 50;

	/** The longest tag, in characters. */
	public static final int MAX_TAG_LENGTH = 100;

	private ContactFields() {
	}

	/**
	 * Why a contact's tags (already stripped, blanks removed) are refused, or null when
	 * they fit: at most {@link #MAX_TAGS} tags of at most {@link #MAX_TAG_LENGTH}
	 * characters.
	 */
	public static String tagsProblem(List<String> tags) {
		if (tags.size() > MAX_TAGS) {
			return "a contact has at most " + MAX_TAGS + " tags (" + tags.size() + " given)";
		}
		for (String tag : tags) {
			if (tag.length() > MAX_TAG_LENGTH) {
				return "a tag is at most " + MAX_TAG_LENGTH + " characters";
			}
		}
		return null;
	}

	private static void alias(String field, String... headers) {
		for (String header : headers) {
			GUESSES.put(header, field);
		}
	}

	/**
	 * The field a header most likely means, or {@code custom.<name>} for anything else.
	 */
	public static String guess(String header) {
		String key = header.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
		return GUESSES.getOrDefault(key, key.isEmpty() ? "ignore" : "custom." + key);
	}

	/** The types a custom field can have. */
	public static final List<String> TYPES = List.of("text", "number", "date", "boolean");

	/**
	 * A custom field's value as stored (JSON number, ISO date string, JSON boolean or
	 * text), or {@code null} for a blank value.
	 * @throws IllegalArgumentException saying why the value does not fit the type
	 */
	public static Object coerce(String type, Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof String text && text.isBlank()) {
			return null;
		}
		String text = value.toString().strip();
		switch (type) {
			case "number" -> {
				if (value instanceof Number number) {
					return number;
				}
				try {
					return new BigDecimal(text);
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("not a number: " + shorten(text));
				}
			}
			case "date" -> {
				try {
					return LocalDate.parse(text.length() > 10 && text.charAt(10) == 'T' ? text.substring(0, 10) : text)
						.toString();
				}
				catch (DateTimeParseException ex) {
					throw new IllegalArgumentException("not a date (YYYY-MM-DD): " + shorten(text));
				}
			}
			case "boolean" -> {
				if (value instanceof Boolean bool) {
					return bool;
				}
				return switch (text.toLowerCase(Locale.ROOT)) {
					case "true", "yes", "y", "1" -> true;
					case "false", "no", "n", "0" -> false;
					default -> throw new IllegalArgumentException("not true or false: " + shorten(text));
				};
			}
			default -> {
				if (text.length() > 2000) {
					throw new IllegalArgumentException("longer than 2,000 characters");
				}
				return value instanceof String ? value : text;
			}
		}
	}

	private static String shorten(String text) {
		return text.length() > 40 ? text.substring(0, 40) + "…" : text;
	}

	/**
	 * A custom field key as stored: lower case letters, digits and underscores, or
	 * {@code null} when nothing usable is left.
	 */
	public static String customKey(String name) {
		String key = name == null ? ""
				: name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
		return key.isEmpty() || key.length() > 100 ? null : key;
	}

	/** Whether an address is acceptable: the one check of {@link EmailAddresses}. */
	public static boolean validEmail(String email) {
		return EmailAddresses.isValid(email);
	}

	public static boolean roleAddress(String email) {
		String local = email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT);
		return ROLES.contains(local);
	}

	public static boolean disposable(String email) {
		return DISPOSABLE.contains(email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT));
	}

	private static Set<String> loadDisposable() {
		Set<String> domains = new HashSet<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(
				ContactFields.class.getResourceAsStream("/contacts/disposable-domains.txt"), StandardCharsets.UTF_8))) {
			reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(domains::add);
		}
		catch (IOException | NullPointerException ex) {
			throw new IllegalStateException("The disposable domain list is missing from the build", ex);
		}
		return Set.copyOf(domains);
	}

}
