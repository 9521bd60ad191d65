/**
 * Delivery: the outbox, the dispatcher (claims with SKIP LOCKED and a lease), throttling,
 * SMTP transport per mailbox, DKIM signing and retries.
 */
package com.penguinmails.delivery;
