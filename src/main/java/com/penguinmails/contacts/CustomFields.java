package com.penguinmails.contacts;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.contacts.internal.ContactFields;
import com.penguinmails.contacts.internal.CustomFieldRepository;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * A workspace's custom contact fields and their types (text, number, date, boolean).
 * Values are checked against the type wherever they are written (API, page, import); a
 * key first seen without a definition becomes a text field.
 */
@Service
public class CustomFields {

	/**
	 * A custom field: its key (letters, digits, underscores) and type (text, number,
	 * date, boolean).
	 */
	public record Field(String key, String type) {

		/**
		 * The name people read for the key: underscores as spaces, the first letter
		 * capitalised ({@code deal_size} reads "Deal size"). Pages only: the API keeps
		 * the key.
		 */
		public String label() {
			return label(key);
		}

		/** {@link #label()} of any custom field key. */
		public static String label(String key) {
			String words = key == null ? "" : key.replace('_', ' ').strip();
			return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
		}

	}

	private final CustomFieldRepository repository;

	private final Clock clock;

	CustomFields(CustomFieldRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	/**
	 * Defines a custom field; its name is normalised to a key (lower case, letters,
	 * digits, underscores).
	 * @param type text, number, date or boolean (null: text)
	 * @throws InvalidInputProblem {@code invalid-field}, {@code invalid-type}, 409
	 * {@code field-exists}
	 */
	public Field define(Tenant tenant, String name, String type) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		String key = ContactFields.customKey(name);
		if (key == null || ContactFields.STANDARD.contains(key)) {
			throw new InvalidInputProblem("invalid-field",
					"A custom field needs a name of letters, digits or underscores, other than a standard field.");
		}
		String kind = type == null ? "text" : type.strip().toLowerCase(java.util.Locale.ROOT);
		if (!ContactFields.TYPES.contains(kind)) {
			throw new InvalidInputProblem("invalid-type", "The type is one of " + ContactFields.TYPES + ".");
		}
		try {
			repository.insert(tenant.workspaceId(), key, kind, clock.instant());
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "field-exists",
					"The field " + key + " exists; delete it first to change its type.");
		}
		return new Field(key, kind);
	}

	/** The workspace's custom fields, by key. */
	public List<Field> list(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return types(tenant.workspaceId()).entrySet().stream().map(e -> new Field(e.getKey(), e.getValue())).toList();
	}

	/** Deletes the field and its values on every contact (admins). */
	@Transactional
	public void delete(Tenant tenant, String key) {
		tenant.require(WorkspaceRole.ADMIN, "contacts:write");
		if (!repository.delete(tenant.workspaceId(), key)) {
			throw new NotFoundProblem("Custom field");
		}
	}

	/** Key → type of every defined field, by key. */
	Map<String, String> types(UUID workspaceId) {
		return repository.types(workspaceId);
	}

	/**
	 * The types of {@code keys}, defining those not seen before as text fields.
	 */
	Map<String, String> typesDefining(UUID workspaceId, Collection<String> keys) {
		for (String key : keys) {
			repository.insertTextIfAbsent(workspaceId, key, clock.instant());
		}
		return types(workspaceId);
	}

	/**
	 * Checks and converts custom values: keys normalised, values to their field's type,
	 * blanks dropped (a {@code null} value stays, meaning "remove" in a patch).
	 * @throws InvalidInputProblem naming the first value that does not fit
	 */
	Map<String, Object> coerce(UUID workspaceId, Map<String, Object> custom, boolean keepNulls) {
		if (custom == null || custom.isEmpty()) {
			return Map.of();
		}
		Map<String, Object> byKey = new LinkedHashMap<>();
		for (Map.Entry<String, Object> entry : custom.entrySet()) {
			String key = ContactFields.customKey(entry.getKey());
			if (key == null) {
				throw new InvalidInputProblem("invalid-custom", "Not a usable custom field name: " + entry.getKey());
			}
			byKey.put(key, entry.getValue());
		}
		Map<String, String> types = typesDefining(workspaceId, byKey.keySet());
		Map<String, Object> values = new LinkedHashMap<>();
		for (Map.Entry<String, Object> entry : byKey.entrySet()) {
			if (entry.getValue() instanceof Map || entry.getValue() instanceof Collection) {
				throw new InvalidInputProblem("invalid-custom", "Custom field " + entry.getKey() + " takes one value.");
			}
			try {
				Object value = ContactFields.coerce(types.getOrDefault(entry.getKey(), "text"), entry.getValue());
				if (value != null || (keepNulls && entry.getValue() == null)) {
					values.put(entry.getKey(), value);
				}
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputProblem("invalid-custom",
						"Custom field " + entry.getKey() + ": " + ex.getMessage() + ".");
			}
		}
		return values;
	}

}
