/**
 * Delivery: the outbox, the dispatcher (claims with SKIP LOCKED and a lease), throttling,
 * SMTP transport per mailbox, DKIM signing and retries.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "contacts", "domains", "mailboxes", "shared" })
package com.penguinmails.delivery;
