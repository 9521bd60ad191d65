package com.penguinmails.mailboxes;

import java.time.Instant;
import java.util.UUID;

/**
 * A mailbox stopped sending because it was paused: by a person ({@link Mailboxes#pause},
 * from the page or the API) or by PenguinMails itself
 * ({@link Mailboxes#pauseAutomatically}: inbound's complaint and refusal guards).
 * Published once per pause, in the pause's transaction; pausing a paused mailbox changes
 * nothing and publishes nothing. A failed connection is {@link MailboxErrored}, not a
 * pause.
 *
 * @param workspaceId the mailbox's workspace
 * @param mailboxId the mailbox
 * @param email its address
 * @param reason why, in words a person reads ({@link MailboxPause#reason()})
 * @param by the member's email address, or {@link MailboxPause#AUTOMATIC}
 * @param automatic whether PenguinMails paused it by itself (a guard) rather than a
 * person
 * @param pausedAt when it was paused
 */
public record MailboxPaused(UUID workspaceId, UUID mailboxId, String email, String reason, String by, boolean automatic,
		Instant pausedAt) {
}
