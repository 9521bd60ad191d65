package com.penguinmails.contacts;

import java.time.Instant;
import java.util.UUID;

/**
 * A contact was added: by a person or an API key ({@link Contacts#create}, the page and
 * {@code POST /api/v1/contacts}), or by a CSV import. Published once per contact: in the
 * transaction that inserts it, or for an import in the one that records its end (beside
 * {@link ImportFinished}), since its batches commit on the importer's own connections. It
 * carries no personal data (listeners read the contact by id, and find nothing once it is
 * erased).
 *
 * @param workspaceId the contact's workspace
 * @param contactId the new contact
 * @param createdBy the member who added it, or null (an API key, the system)
 * @param createdAt when it was added
 */
public record ContactCreated(UUID workspaceId, UUID contactId, UUID createdBy, Instant createdAt) {
}
