package com.penguinmails.mailboxes;

import java.time.Instant;

/**
 * Why a mailbox is paused, as stored when it was paused.
 *
 * @param reason what paused it, in words a person reads ("Paused by hand", "Spam
 * complaints: 1 for 200 sent in 30 days (0.50%)", ...)
 * @param by who or what paused it: a member's email address, or {@link #AUTOMATIC}
 * @param at when it was paused
 */
public record MailboxPause(String reason, String by, Instant at) {

	/** {@link #by} of a pause PenguinMails made itself (complaints, refusals). */
	public static final String AUTOMATIC = "PenguinMails";

	/** Whether PenguinMails paused it by itself, rather than a person. */
	public boolean automatic() {
		return AUTOMATIC.equals(by);
	}

}
