package com.penguinmails.shared.internal;

import java.util.Map;

import com.penguinmails.shared.BounceReason;

/**
 * The {@link BounceReason} that codes alone give, when a reply's words say nothing
 * {@link BouncePhrases} knows: its enhanced status code (RFC 3463 §3), else its reply
 * code (RFC 5321 §4.2.3).
 */
public final class BounceCodes {

	private BounceCodes() {
	}

	// RFC 3463 §3: the subject and detail of an enhanced status code.
	private static final Map<String, BounceReason> CODES = Map.ofEntries(Map.entry("1.0", BounceReason.USER_UNKNOWN),
			Map.entry("1.1", BounceReason.USER_UNKNOWN), Map.entry("1.2", BounceReason.HOST_UNKNOWN),
			Map.entry("1.3", BounceReason.USER_UNKNOWN), Map.entry("1.4", BounceReason.POLICY_VIOLATION),
			Map.entry("1.6", BounceReason.HAS_MOVED), Map.entry("1.7", BounceReason.SENDER_REJECTED),
			Map.entry("1.8", BounceReason.SENDER_REJECTED), Map.entry("1.9", BounceReason.SYSTEM_ERROR),
			Map.entry("1.10", BounceReason.HOST_UNKNOWN), Map.entry("2.0", BounceReason.POLICY_VIOLATION),
			Map.entry("2.1", BounceReason.POLICY_VIOLATION), Map.entry("2.2", BounceReason.MAILBOX_FULL),
			Map.entry("2.3", BounceReason.MESSAGE_TOO_BIG), Map.entry("2.4", BounceReason.POLICY_VIOLATION),
			Map.entry("3.0", BounceReason.SYSTEM_ERROR), Map.entry("3.1", BounceReason.SYSTEM_ERROR),
			Map.entry("3.2", BounceReason.SYSTEM_ERROR), Map.entry("3.3", BounceReason.SYSTEM_ERROR),
			Map.entry("3.4", BounceReason.MESSAGE_TOO_BIG), Map.entry("3.5", BounceReason.SYSTEM_ERROR),
			Map.entry("4.0", BounceReason.NETWORK_ERROR), Map.entry("4.1", BounceReason.EXPIRED),
			Map.entry("4.2", BounceReason.NETWORK_ERROR), Map.entry("4.3", BounceReason.SYSTEM_ERROR),
			Map.entry("4.4", BounceReason.HOST_UNKNOWN), Map.entry("4.5", BounceReason.RATE_LIMITED),
			Map.entry("4.6", BounceReason.NETWORK_ERROR), Map.entry("4.7", BounceReason.EXPIRED),
			Map.entry("5.0", BounceReason.SYSTEM_ERROR), Map.entry("5.1", BounceReason.SYNTAX_ERROR),
			Map.entry("5.2", BounceReason.SYNTAX_ERROR), Map.entry("5.3", BounceReason.RATE_LIMITED),
			Map.entry("5.4", BounceReason.SYSTEM_ERROR), Map.entry("5.5", BounceReason.SYSTEM_ERROR),
			Map.entry("5.6", BounceReason.AUTH_FAILURE), Map.entry("7.1", BounceReason.BLOCKED),
			Map.entry("7.2", BounceReason.BLOCKED), Map.entry("7.13", BounceReason.ACCOUNT_DISABLED),
			Map.entry("7.16", BounceReason.MESSAGE_TOO_BIG), Map.entry("7.17", BounceReason.HAS_MOVED),
			Map.entry("7.18", BounceReason.HAS_MOVED), Map.entry("7.25", BounceReason.REQUIRES_PTR),
			Map.entry("7.27", BounceReason.SENDER_REJECTED));

	/** The reason an enhanced status code (RFC 3463) gives, or null. */
	public static BounceReason byCode(String status) {
		if (status == null) {
			return null;
		}
		String[] parts = status.split("\\.");
		String subjectDetail = parts[1] + "." + parts[2];
		BounceReason reason = CODES.get(subjectDetail);
		if (reason != null) {
			return reason;
		}
		return switch (parts[1]) {
			// X.6.X: the content or its media.
			case "6" -> BounceReason.POLICY_VIOLATION;
			// X.7.X: security (authentication, encryption) or policy.
			case "7" -> BounceReason.AUTH_FAILURE;
			default -> null;
		};
	}

	/** RFC 5321 §4.2.3 reply codes, when nothing more specific is known. */
	public static BounceReason byReply(String reply) {
		if (reply == null) {
			return null;
		}
		return switch (reply) {
			case "421" -> BounceReason.SYSTEM_ERROR;
			case "452" -> BounceReason.MAILBOX_FULL;
			case "552" -> BounceReason.MAILBOX_FULL;
			// RFC 7504: 521 and 556, the host or domain does not accept mail.
			case "521", "556" -> BounceReason.HOST_UNKNOWN;
			case "500", "501", "502", "503", "504", "555" -> BounceReason.SYNTAX_ERROR;
			default -> null;
		};
	}

}
