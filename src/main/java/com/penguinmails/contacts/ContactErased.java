package com.penguinmails.contacts;

import java.time.Instant;
import java.util.UUID;

/**
 * A contact was erased at the person's request (GDPR Art. 17, through the audit feature's
 * privacy erasure, which calls {@code PersonalData.erase}): its row is gone and its
 * address stays suppressed by hash alone. Published once, in the erasure's transaction.
 * It carries the contact's id and nothing of the erased personal data.
 *
 * @param workspaceId the contact's workspace
 * @param contactId the erased contact's id
 * @param erasedAt when it was erased
 */
public record ContactErased(UUID workspaceId, UUID contactId, Instant erasedAt) {
}
