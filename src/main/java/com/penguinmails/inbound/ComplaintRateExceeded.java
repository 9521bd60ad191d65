package com.penguinmails.inbound;

import java.util.UUID;

/**
 * A mailbox's spam complaint rate crossed a threshold: the alert level (0.1%, Gmail's and
 * Yahoo's bulk sender guideline) or the pause level (0.3%), when the mailbox was paused.
 *
 * @param rate complaints over messages sent in the window, as a fraction
 */
public record ComplaintRateExceeded(UUID workspaceId, UUID mailboxId, String email, long complaints, long sent,
		double rate, boolean paused) {
}
