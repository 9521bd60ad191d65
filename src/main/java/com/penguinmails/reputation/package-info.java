/**
 * Reputation: what receivers think of the workspace's domains, sending IPs and mailboxes,
 * from every source we can read, joined into one picture. DMARC aggregate reports (RFC
 * 7489 Appendix C and RFC 9990) read from a reports mailbox or uploaded; Google
 * Postmaster Tools and Microsoft SNDS pulled on a schedule; provider signals in SMTP
 * replies and DSNs that slow or suspend a mailbox's path to one recipient provider; and
 * one timeline per domain, IP and mailbox with a 0–100 score and the blocklist delisting
 * workflow.
 * <p>
 * Each source contributes its figures to the timeline through
 * {@code internal.timeline.DailySource}. Campaigns must not depend on this module (it
 * uses warmup, which uses campaigns): the scheduler reads throttled paths through an
 * interface of a lower module that this module implements.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "delivery", "domains", "identity", "inbound", "mailboxes", "shared", "warmup" })
package com.penguinmails.reputation;
