/**
 * Mailboxes: the sender accounts a workspace connects (SMTP to send, IMAP to read
 * replies), their encrypted credentials, daily caps and pacing, and real connection
 * tests.
 * <p>
 * {@code Mailboxes} is the API (connect, edit, test, pause, and what delivery and inbound
 * need); {@code MailboxStatus} is a mailbox's status. Inside: {@code MailboxSettings}
 * checks what users give and fills the defaults, {@code MailboxRepository} holds all the
 * SQL of {@code mailboxes}, {@code MailboxConnections}/{@code ConnectionTester} talk to
 * the servers.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "domains", "identity", "sandbox", "shared" })
package com.penguinmails.mailboxes;
