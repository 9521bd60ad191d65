/**
 * Warmup: per-mailbox ramp schedules (standard, aggressive, conservative, custom), the
 * engagement pool that sends warmup mail between mailboxes of different domains and
 * workspaces, the receiving side that finds it through each mailbox's IMAP, rescues it
 * from spam, flags it, answers it and files it into a "Warmup" folder, the health score
 * measured from where it landed, the closed-loop ramp and graduation into campaigns, and
 * placement tests.
 * <p>
 * Warmup mail never goes through delivery's outbox (so it never counts in sending limits
 * or campaign figures); it is built and DKIM-signed by
 * {@link com.penguinmails.delivery.DirectMessages} and sent over the mailbox's own SMTP.
 * Inbound skips it through {@code inbound.WarmupFilter}, which this feature implements.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "campaigns", "delivery", "domains", "identity", "inbound", "mailboxes", "shared" })
package com.penguinmails.warmup;
