package com.penguinmails.reputation.internal.timeline;

import java.time.LocalDate;

/**
 * One figure of one day (UTC) on a reputation timeline, from one source.
 *
 * @param day the UTC day
 * @param name what it measures: one of the constants below (a source may add its own)
 * @param value the figure: a count, a rate between 0 and 1, or a level as the constant
 * says
 * @param text the figure in words for the page ("HIGH", "RED", "Spamhaus ZEN", "4
 * decisions: ..."), or {@code null}
 */
public record DailyFigure(LocalDate day, String name, double value, String text) {

	/** Messages sent (count). Subjects: domain, IP, mailbox. */
	public static final String SENT = "sent";

	/** Messages accepted by the receiving server, 2xx (count). */
	public static final String DELIVERED = "delivered";

	/**
	 * Bounces of one reason (count): the name is {@code bounced:} and the
	 * {@code shared.BounceReason} value, e.g. {@code bounced:mailbox_full}.
	 */
	public static final String BOUNCED_PREFIX = "bounced:";

	/** Spam complaints (count). */
	public static final String COMPLAINTS = "complaints";

	/** Warmup health score, 0–100. Subject: mailbox. */
	public static final String WARMUP_HEALTH = "warmup_health";

	/** Share of warmup mail found in the inbox, 0–1. Subject: mailbox. */
	public static final String WARMUP_INBOX_RATE = "warmup_inbox_rate";

	/** Blocklists listing the subject that day (count; text: the lists' names). */
	public static final String BLOCKLIST_LISTINGS = "blocklist_listings";

	/** Messages in DMARC aggregate reports (count). Subjects: domain, IP (the source). */
	public static final String DMARC_MESSAGES = "dmarc_messages";

	/** Share of those messages that passed DMARC (aligned DKIM or SPF), 0–1. */
	public static final String DMARC_PASS_RATE = "dmarc_pass_rate";

	/**
	 * Google Postmaster Tools domain reputation: 4 HIGH, 3 MEDIUM, 2 LOW, 1 BAD (text:
	 * the word). Subject: domain.
	 */
	public static final String POSTMASTER_DOMAIN_REPUTATION = "postmaster_domain_reputation";

	/** Google Postmaster Tools IP reputation, same levels. Subject: IP. */
	public static final String POSTMASTER_IP_REPUTATION = "postmaster_ip_reputation";

	/** Google Postmaster Tools user-reported spam rate, 0–1. Subject: domain. */
	public static final String POSTMASTER_SPAM_RATE = "postmaster_spam_rate";

	/**
	 * Microsoft SNDS filter result: 3 GREEN, 2 YELLOW, 1 RED (text: the colour). Subject:
	 * IP.
	 */
	public static final String SNDS_COLOUR = "snds_colour";

	/** Microsoft SNDS complaint rate, 0–1. Subject: IP. */
	public static final String SNDS_COMPLAINT_RATE = "snds_complaint_rate";

	/** Microsoft SNDS trap hits (count). Subject: IP. */
	public static final String SNDS_TRAP_HITS = "snds_trap_hits";

	/**
	 * Throttling decisions taken that day (count; text: what they were). Subjects:
	 * mailbox, domain.
	 */
	public static final String THROTTLE_DECISIONS = "throttle_decisions";

}
