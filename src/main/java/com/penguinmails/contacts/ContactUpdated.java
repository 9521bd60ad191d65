package com.penguinmails.contacts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A contact's fields, tags, status or lists changed: by {@link Contacts#update} (the
 * page, {@code PATCH /api/v1/contacts/{id}}, a status set by an unsubscribe, bounce or
 * complaint, a bulk status change), by a bulk job adding or removing a tag or a list, or
 * by a CSV import in update mode. Published once per contact and change, in the
 * transaction that changes it (for an import, the one that records its end), and only
 * when something changed. It names what changed, never the values (no personal data); an
 * import names the columns its file gave, each of which it writes when not empty.
 *
 * @param workspaceId the contact's workspace
 * @param contactId the contact
 * @param fields the names of what changed, as the contacts API names them
 * ({@code firstName}, {@code company}, {@code status}, {@code tags}, ...), a custom field
 * as {@code custom.<key>}, list membership as {@code lists}; sorted
 * @param updatedBy the member who changed it, or null (an API key, the system)
 * @param updatedAt when it changed
 */
public record ContactUpdated(UUID workspaceId, UUID contactId, List<String> fields, UUID updatedBy, Instant updatedAt) {

	public ContactUpdated {
		fields = List.copyOf(fields);
	}

}
