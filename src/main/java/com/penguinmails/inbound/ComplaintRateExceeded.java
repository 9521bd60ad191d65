package com.penguinmails.inbound;

import java.util.UUID;

/**
 * A mailbox's spam complaint rate crossed a threshold: the alert level (0.1%, Gmail's and
 * Yahoo's bulk sender guideline) or the pause level (0.3%), when the mailbox was paused;
 * or a complaint came while the mailbox has sent too little for a rate to mean anything.
 *
 * @param rate complaints over messages sent in the window, as a fraction
 * @param minimumSent 0 when the mailbox sent enough for the rate to count; otherwise the
 * messages it must send in the window before a rate can pause it (then this is a warning
 * about a complaint, never a pause)
 */
public record ComplaintRateExceeded(UUID workspaceId, UUID mailboxId, String email, long complaints, long sent,
		double rate, boolean paused, long minimumSent) {
}
