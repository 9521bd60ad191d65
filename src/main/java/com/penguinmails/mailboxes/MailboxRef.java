package com.penguinmails.mailboxes;

import java.util.UUID;

/** A mailbox named across workspaces, for background work (the inbound sync). */
public record MailboxRef(UUID workspaceId, UUID id, String email, MailboxStatus status) {
}
