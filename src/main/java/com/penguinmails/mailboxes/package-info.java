/**
 * Mailboxes: the sender accounts a workspace connects (SMTP to send, IMAP to read
 * replies), their encrypted credentials, daily caps and pacing, and real connection
 * tests.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "domains", "sandbox", "shared" })
package com.penguinmails.mailboxes;
