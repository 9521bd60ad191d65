package com.penguinmails.mailboxes;

/**
 * One server of a mailbox (SMTP or IMAP). The password is write-only: it is encrypted at
 * rest and never returned; {@code null} or blank on an update keeps the stored one.
 */
public record ServerSettings(String host, int port, Security security, String username, String password) {
}
