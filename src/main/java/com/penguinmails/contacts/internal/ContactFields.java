package com.penguinmails.contacts.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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

	private static final Pattern EMAIL = Pattern
		.compile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$");

	private static final Set<String> ROLES = Set.of("info", "sales", "admin", "administrator", "support", "contact",
			"hello", "office", "marketing", "team", "noreply", "no-reply", "billing", "help", "hr", "jobs", "careers",
			"press", "webmaster", "postmaster", "abuse", "enquiries", "inquiries", "service", "accounts");

	private static final Set<String> DISPOSABLE = loadDisposable();

	private ContactFields() {
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

	public static boolean validEmail(String email) {
		return email != null && email.length() <= 254 && EMAIL.matcher(email).matches() && !email.contains("..");
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
