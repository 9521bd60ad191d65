package com.penguinmails.contacts.internal;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVRecord;

import com.penguinmails.shared.EmailAddresses;

/**
 * Checks the rows of one import and converts their values: the address in normal form,
 * text fields within their length, a known time zone, tags within their limits, custom
 * values of their field's type, no NUL character anywhere. A refused row says why; the
 * others become {@link StagedContact}s. Remembers each domain's mail check for the file.
 */
final class ContactRowChecker {

	/** A checked row: why it is refused, or its lower-case address and its values. */
	record Checked(String problem, String key, StagedContact contact) {

		static Checked refused(String problem) {
			return new Checked(problem, null, null);
		}

	}

	/** The values of a row by field, standard and custom apart. */
	private record Values(Map<String, String> standard, Map<String, Object> custom) {

		String get(String field) {
			return standard.getOrDefault(field, "");
		}

	}

	/** Thrown inside the checks: why the row is refused. */
	private static final class Refused extends Exception {

		Refused(String why) {
			super(why, null, false, false);
		}

	}

	private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

	/** The most domains whose mail check is remembered. */
	private static final int MAIL_CHECKS_KEPT = 100_000;

	private final String[] fields;

	private final Map<String, String> customTypes;

	private final Function<String, Optional<Boolean>> mailCheck;

	private final ObjectMapper json;

	private final Map<String, Optional<Boolean>> mailChecks = new HashMap<>();

	/**
	 * @param fields the field of each column ({@link ColumnMapping#fields})
	 * @param mailCheck whether a domain takes mail, or null to skip the check
	 */
	ContactRowChecker(String[] fields, Map<String, String> customTypes, Function<String, Optional<Boolean>> mailCheck,
			ObjectMapper json) {
		this.fields = fields;
		this.customTypes = customTypes;
		this.mailCheck = mailCheck;
		this.json = json;
	}

	/** Checks one row and converts its values, or says why it is refused. */
	Checked check(CSVRecord record) {
		try {
			Values values = values(record);
			String email = email(values.get("email").strip());
			checkStandard(values);
			List<String> tags = tags(values.get("tags"));
			return new Checked(null, email.toLowerCase(Locale.ROOT),
					new StagedContact(email, values.get("first_name"), values.get("last_name"), values.get("company"),
							values.get("title"), values.get("phone"), values.get("website"), values.get("linkedin_url"),
							values.get("time_zone"), values.get("country"), customJson(values.custom()),
							StagedContact.pgArray(tags), ContactFields.roleAddress(email),
							ContactFields.disposable(email), mxFound(email)));
		}
		catch (Refused refused) {
			return Checked.refused(refused.getMessage());
		}
	}

	/** The non-empty values of a row by field (ignored columns left out). */
	private Values values(CSVRecord record) throws Refused {
		Map<String, String> standard = new LinkedHashMap<>();
		Map<String, Object> custom = new LinkedHashMap<>();
		for (int i = 0; i < fields.length && i < record.size(); i++) {
			String field = fields[i];
			String value = record.get(i);
			if (field.equals("ignore") || value.isEmpty()) {
				continue;
			}
			// PostgreSQL stores no NUL in text or jsonb: the row is refused, the others
			// load.
			if (value.indexOf('\0') >= 0) {
				throw new Refused(field + " holds a NUL character (U+0000)");
			}
			if (field.startsWith("custom.")) {
				String key = field.substring(7);
				try {
					custom.put(key, ContactFields.coerce(customTypes.getOrDefault(key, "text"), value));
				}
				catch (IllegalArgumentException ex) {
					throw new Refused("custom field " + key + ": " + ex.getMessage());
				}
			}
			else {
				standard.put(field, value);
			}
		}
		return new Values(standard, custom);
	}

	/**
	 * The address in normal form, so that both spellings of an IDN domain are one contact
	 * and the erased-address hash matches.
	 */
	private static String email(String given) throws Refused {
		if (given.isEmpty()) {
			throw new Refused("no email address");
		}
		try {
			return EmailAddresses.normalize(given);
		}
		catch (EmailAddresses.InvalidEmailAddress ex) {
			throw new Refused("not a valid email address: "
					+ (given.length() > 80 ? given.substring(0, 80) + "…" : given) + " (" + ex.getMessage() + ")");
		}
	}

	private static void checkStandard(Values values) throws Refused {
		for (Map.Entry<String, String> entry : values.standard().entrySet()) {
			if (entry.getValue().length() > 500) {
				throw new Refused(entry.getKey() + " is longer than 500 characters");
			}
		}
		String zone = values.get("time_zone").strip();
		if (!zone.isEmpty() && !ZONES.contains(zone)) {
			throw new Refused("unknown time zone " + (zone.length() > 40 ? zone.substring(0, 40) + "…" : zone)
					+ " (use an IANA name such as Europe/Paris)");
		}
	}

	/** Whether the address's domain takes mail (remembered per domain), or null. */
	private Boolean mxFound(String email) {
		if (mailCheck == null) {
			return null;
		}
		String domain = email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
		Optional<Boolean> found = mailChecks.get(domain);
		if (found == null) {
			found = mailCheck.apply(domain);
			if (mailChecks.size() < MAIL_CHECKS_KEPT) {
				mailChecks.put(domain, found);
			}
		}
		return found.orElse(null);
	}

	/** Tags split on {@code , ; |}, stripped and in lower case. */
	private static List<String> tags(String tags) throws Refused {
		List<String> tagList = new ArrayList<>();
		for (String tag : tags.split("[,;|]")) {
			if (!tag.isBlank()) {
				tagList.add(tag.strip().toLowerCase());
			}
		}
		String problem = ContactFields.tagsProblem(tagList);
		if (problem != null) {
			throw new Refused(problem);
		}
		return tagList;
	}

	private String customJson(Map<String, Object> custom) throws Refused {
		try {
			return json.writeValueAsString(custom);
		}
		catch (JsonProcessingException ex) {
			throw new Refused("custom fields could not be stored");
		}
	}

}
