package com.penguinmails.contacts;

import java.time.Instant;
import java.util.UUID;

/**
 * A CSV import ended, done or failed ({@link ContactImports}): published once per import,
 * in the transaction that records its end.
 *
 * @param workspaceId the import's workspace
 * @param importId the import job ({@code GET /api/v1/contacts/imports/{id}})
 * @param status {@link ImportStatus#DONE} or {@link ImportStatus#FAILED}
 * @param rowsRead data rows read from the file
 * @param imported new contacts inserted
 * @param updated existing contacts that took the file's values
 * @param skipped rows left out (an existing contact in skip mode, an erased address)
 * @param failed rows refused (a bad address, a value that does not fit)
 * @param message why it failed, or null
 * @param finishedAt when it ended
 */
public record ImportFinished(UUID workspaceId, UUID importId, ImportStatus status, long rowsRead, long imported,
		long updated, long skipped, long failed, String message, Instant finishedAt) {
}
