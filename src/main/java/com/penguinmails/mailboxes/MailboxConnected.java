package com.penguinmails.mailboxes;

import java.util.UUID;

/**
 * A mailbox was connected in a workspace (by hand, through the API or an import);
 * published by {@link Mailboxes#add}. Warmup starts warming it when the workspace wants
 * new mailboxes warmed.
 */
public record MailboxConnected(UUID workspaceId, UUID mailboxId, String email) {
}
