package com.penguinmails.contacts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Many contacts changed at once: a CSV import's contacts (added or updated), a bulk job's
 * batch adding or removing a tag or a list, contacts joining or leaving a list. One
 * record per at most {@link #MAX} contacts instead of one {@link ContactCreated} or
 * {@link ContactUpdated} each, so an import of 20,000 rows is 20 listener calls, not
 * 20,000; listeners treat each id as its own created or updated contact. Published in the
 * transaction of the change (for an import, the one that records its end, since its
 * batches commit on the importer's own connections), once per change. No personal data.
 *
 * @param workspaceId the contacts' workspace
 * @param created contacts added (an import's new rows)
 * @param updated contacts changed
 * @param fields what changed in {@code updated}, as {@link ContactUpdated#fields()} names
 * it; for an import, the columns its file gave (it writes each one that is not empty)
 * @param changedBy the member who made the change (or ran the import), or null
 * @param importId the import, or null
 * @param changedAt when it changed (for an import, when it ended)
 */
public record ContactsChanged(UUID workspaceId, List<UUID> created, List<UUID> updated, List<String> fields,
		UUID changedBy, UUID importId, Instant changedAt) {

	/** The most contacts one record names. */
	public static final int MAX = 1000;

	public ContactsChanged {
		created = List.copyOf(created);
		updated = List.copyOf(updated);
		fields = List.copyOf(fields);
	}

}
