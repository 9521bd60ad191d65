package com.penguinmails.contacts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.contacts.internal.ContactFields;
import com.penguinmails.contacts.internal.ContactRepository.Assignment;
import com.penguinmails.shared.InvalidInputProblem;

/**
 * Turns a JSON merge patch of a contact (RFC 7396: absent fields stay, {@code custom}
 * merges key by key with {@code null} removing a key, {@code tags} is replaced) into the
 * checked column assignments of one UPDATE.
 */
@Component
class ContactPatch {

	/**
	 * The checked assignments, and the status set by the patch (or null when it sets
	 * none).
	 */
	record Changes(List<Assignment> assignments, ContactStatus status) {
	}

	/** Patchable text fields: JSON name → column. */
	private static final Map<String, String> TEXT_FIELDS = Map.of("firstName", "first_name", "lastName", "last_name",
			"company", "company", "title", "title", "phone", "phone", "website", "website", "linkedinUrl",
			"linkedin_url", "timeZone", "time_zone", "country", "country");

	private final ContactInput input;

	private final CustomFields fields;

	ContactPatch(ContactInput input, CustomFields fields) {
		this.input = input;
		this.fields = fields;
	}

	/**
	 * @throws InvalidInputProblem naming the first field whose value does not fit, or
	 * {@code unknown-field}
	 */
	Changes changes(UUID workspaceId, Contact current, Map<String, Object> patch) {
		List<Assignment> assignments = new ArrayList<>();
		ContactStatus status = null;
		for (Map.Entry<String, Object> entry : patch.entrySet()) {
			String key = entry.getKey();
			Object value = entry.getValue();
			if (TEXT_FIELDS.containsKey(key)) {
				assignments.add(text(key, value));
			}
			else if (key.equals("email")) {
				assignments.add(email(workspaceId, current, value));
			}
			else if (key.equals("custom")) {
				assignments.add(custom(workspaceId, current, value));
			}
			else if (key.equals("tags")) {
				assignments.add(tags(value));
			}
			else if (key.equals("status")) {
				status = status(value);
				assignments.add(Assignment.of("status = ?", status.value()));
			}
			else {
				throw new InvalidInputProblem("unknown-field", "Unknown contact field: " + key);
			}
		}
		return new Changes(assignments, status);
	}

	private static Assignment text(String key, Object value) {
		String text = value == null ? "" : value.toString().strip();
		ContactInput.checkLength(key, text);
		if (key.equals("timeZone")) {
			ContactInput.checkTimeZone(text);
		}
		return Assignment.of(TEXT_FIELDS.get(key) + " = ?", text);
	}

	/** A new address resets the flags told from it, and the mail server check. */
	private Assignment email(UUID workspaceId, Contact current, Object value) {
		String email = value == null ? "" : value.toString().strip();
		if (!email.equalsIgnoreCase(current.email())) {
			email = input.checkedEmail(workspaceId, email);
		}
		return Assignment.of("email = ?, role_address = ?, disposable = ?, mx_found = NULL", email,
				ContactFields.roleAddress(email), ContactFields.disposable(email));
	}

	private Assignment custom(UUID workspaceId, Contact current, Object value) {
		if (value != null && !(value instanceof Map)) {
			throw new InvalidInputProblem("invalid-custom", "custom is an object of field: value.");
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> changes = fields.coerce(workspaceId, (Map<String, Object>) value, true);
		Map<String, Object> merged = new LinkedHashMap<>(current.custom());
		changes.forEach((field, v) -> {
			if (v == null) {
				merged.remove(field);
			}
			else {
				merged.put(field, v);
			}
		});
		return Assignment.of("custom = ?::jsonb", input.customJson(merged));
	}

	private static Assignment tags(Object value) {
		if (value != null && !(value instanceof List)) {
			throw new InvalidInputProblem("invalid-tags", "tags is a list of strings.");
		}
		@SuppressWarnings("unchecked")
		List<Object> list = value == null ? List.of() : (List<Object>) value;
		if (!list.stream().allMatch(String.class::isInstance)) {
			throw new InvalidInputProblem("invalid-tags", "tags is a list of strings.");
		}
		return Assignment.of("tags = ?", (Object) ContactInput.tags(list.stream().map(String::valueOf).toList()));
	}

	private static ContactStatus status(Object value) {
		try {
			return ContactStatus.of(value == null ? "" : value.toString());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("invalid-status",
					"status is one of " + java.util.Arrays.toString(ContactStatus.values()) + ".");
		}
	}

}
