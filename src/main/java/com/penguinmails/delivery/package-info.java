/**
 * Delivery: the outbox, the dispatcher (claims with SKIP LOCKED and a lease), throttling,
 * SMTP transport per mailbox, DKIM signing and retries. The SQL is in {@code internal}
 * ({@code OutboxRepository}, {@code OutboxStore}, {@code SendingPauses}); a message's
 * status is {@link com.penguinmails.delivery.OutboxStatus}. The links a message carries
 * come from {@link com.penguinmails.delivery.TrackingLinks}, which tracking implements:
 * the unsubscribe link goes into List-Unsubscribe as it is given.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "contacts", "domains", "mailboxes", "shared" })
package com.penguinmails.delivery;
