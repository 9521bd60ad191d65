package com.penguinmails.mailboxes;

import java.util.UUID;

/**
 * A mailbox was put in error by sending (its server kept failing); it sends nothing more
 * until fixed.
 */
public record MailboxErrored(UUID workspaceId, UUID mailboxId, String email, String error) {
}
