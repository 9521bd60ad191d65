/**
 * Inbound mail: IMAP sync, reply detection, bounce (DSN) and complaint (ARF) parsing, the
 * unified inbox.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "contacts", "delivery", "mailboxes", "shared" })
package com.penguinmails.inbound;
