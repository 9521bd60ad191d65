package com.penguinmails.mailboxes;

/**
 * What a user gives to connect a mailbox. {@code preset} (google, microsoft) fills the
 * servers left empty; usernames default to the address.
 */
public record NewMailbox(String email, String displayName, String preset, ServerSettings smtp, ServerSettings imap,
		String signatureHtml, String replyTo, Integer dailyCap, Integer minGapSeconds, Integer maxGapSeconds) {
}
