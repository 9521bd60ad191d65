package com.penguinmails.mailboxes;

import java.time.Instant;
import java.util.UUID;

/**
 * A paused mailbox sends again: a person resumed it ({@link Mailboxes#pause} with
 * {@code paused} false, from the mailbox page or API or the campaign page's "resume
 * mailbox"). Published once per resume, in its transaction; resuming a mailbox that was
 * not paused publishes nothing.
 *
 * @param workspaceId the mailbox's workspace
 * @param mailboxId the mailbox
 * @param email its address
 * @param resumedBy the member who resumed it, or null (an API key)
 * @param resumedAt when it was resumed
 */
public record MailboxResumed(UUID workspaceId, UUID mailboxId, String email, UUID resumedBy, Instant resumedAt) {
}
