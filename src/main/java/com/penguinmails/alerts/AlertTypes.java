package com.penguinmails.alerts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The alert types the features raise: stable keys (stored on each alert, matched by
 * routing rules, sent in webhooks) and their names for people. New keys may be added; a
 * key is never renamed.
 */
public final class AlertTypes {

	private static final Map<String, String> NAMES = new LinkedHashMap<>();

	static {
		NAMES.put("domain.dns_failing", "Domain failing DNS verification");
		NAMES.put("domain.verified", "Domain verified");
		NAMES.put("domain.claimed", "Domain claimed by another workspace");
		NAMES.put("mailbox.failing", "Mailbox in error");
		NAMES.put("mailbox.blocked", "Mail refused by a receiver");
		NAMES.put("mailbox.blocked_paused", "Mailbox paused: mail refused");
		NAMES.put("mailbox.complaint", "Spam complaint");
		NAMES.put("mailbox.complaints_high", "Spam complaints above 0.1%");
		NAMES.put("mailbox.complaints_paused", "Mailbox paused: spam complaints");
		NAMES.put("certificate.expiring", "HTTPS certificate expiring");
		NAMES.put("certificate.renewal_failing", "HTTPS certificate renewal failing");
		NAMES.put("certificate.failing", "HTTPS certificate cannot be obtained");
		NAMES.put("reputation.dropped", "Reputation dropped");
		NAMES.put("route.failing", "Sending route failing");
		NAMES.put("route.recovered", "Sending route recovered");
		NAMES.put("throttle.suspended", "Sending suspended to a provider");
		NAMES.put("throttle.slowed", "Sending slowed to a provider");
		NAMES.put("throttle.recovered", "Sending back to normal");
		NAMES.put("warmup.health_low", "Warmup health low");
		NAMES.put("postmaster.expired", "Postmaster connection expired");
		NAMES.put("webhook.disabled", "Webhook endpoint disabled");
	}

	private AlertTypes() {
	}

	/** Every known type key and its name, in a stable order for pages. */
	public static Map<String, String> all() {
		return java.util.Collections.unmodifiableMap(NAMES);
	}

	/** Whether {@code type} is a known key. */
	public static boolean known(String type) {
		return NAMES.containsKey(type);
	}

	/** The name of {@code type} for people, or the key itself when unknown. */
	public static String name(String type) {
		return NAMES.getOrDefault(type, type);
	}

}
