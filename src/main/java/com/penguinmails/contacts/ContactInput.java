package com.penguinmails.contacts;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.penguinmails.contacts.internal.ContactFields;
import com.penguinmails.shared.EmailAddresses;
import com.penguinmails.shared.InvalidInputProblem;

/**
 * The checks of a contact's values as the API and the pages give them (the import has its
 * own, row by row): each failure is an {@link InvalidInputProblem} naming the field.
 */
@Component
class ContactInput {

	/** The longest text field, in characters. */
	static final int MAX_TEXT = 500;

	private final Suppressions suppressions;

	private final ObjectMapper json;

	ContactInput(Suppressions suppressions, ObjectMapper json) {
		this.suppressions = suppressions;
		this.json = json;
	}

	/**
	 * The address in normal form (an IDN domain as its lower-case A-label).
	 * @throws InvalidInputProblem {@code invalid-email}, or 409 {@code contact-erased}
	 * when the address was erased at the person's request
	 */
	String checkedEmail(UUID workspaceId, String value) {
		String email;
		try {
			email = EmailAddresses.normalize(value);
		}
		catch (EmailAddresses.InvalidEmailAddress ex) {
			throw new InvalidInputProblem("invalid-email", "Not a valid email address: " + ex.getMessage());
		}
		if (suppressions.isErased(workspaceId, email)) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "contact-erased",
					"This address was erased at the person's request and cannot be added again.");
		}
		return email;
	}

	/** Checks the text fields and the time zone of a new contact. */
	static void checkTexts(Contacts.NewContact contact) {
		checkLength("firstName", contact.firstName());
		checkLength("lastName", contact.lastName());
		checkLength("company", contact.company());
		checkLength("title", contact.title());
		checkLength("phone", contact.phone());
		checkLength("website", contact.website());
		checkLength("linkedinUrl", contact.linkedinUrl());
		checkLength("country", contact.country());
		checkTimeZone(contact.timeZone());
	}

	static void checkLength(String field, String value) {
		if (value != null && value.length() > MAX_TEXT) {
			throw new InvalidInputProblem("invalid-" + field, field + " is longer than 500 characters.");
		}
	}

	/** An IANA time zone name (e.g. Europe/Paris), or blank. */
	static void checkTimeZone(String zone) {
		if (zone != null && !zone.isBlank() && !ZoneId.getAvailableZoneIds().contains(zone.strip())) {
			throw new InvalidInputProblem("invalid-time-zone",
					"Unknown time zone: " + zone + " (use an IANA name such as Europe/Paris).");
		}
	}

	/** Tags stripped, in lower case, blanks and repeats left out, within the limits. */
	static String[] tags(List<String> tags) {
		if (tags == null) {
			return new String[0];
		}
		if (tags.stream().anyMatch(Objects::isNull)) {
			throw new InvalidInputProblem("invalid-tags", "A tag is a string, never null.");
		}
		List<String> cleaned = tags.stream()
			.map(t -> t.strip().toLowerCase(Locale.ROOT))
			.filter(t -> !t.isEmpty())
			.distinct()
			.toList();
		String problem = ContactFields.tagsProblem(cleaned);
		if (problem != null) {
			throw new InvalidInputProblem("invalid-tags", "Tags: " + problem + ".");
		}
		return cleaned.toArray(String[]::new);
	}

	/** Custom fields (already coerced) as the JSON object stored. */
	String customJson(Map<String, Object> custom) {
		try {
			return json.writeValueAsString(custom);
		}
		catch (JsonProcessingException ex) {
			throw new InvalidInputProblem("invalid-custom", "Custom fields must be simple values.");
		}
	}

}
