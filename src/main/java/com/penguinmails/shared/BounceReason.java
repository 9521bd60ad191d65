package com.penguinmails.shared;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a message bounced: a fixed taxonomy of the kind mail engineers use (the reasons of
 * bounce classifiers such as Sisimai and of the ESPs' bounce categories), each mapped to
 * what PenguinMails does about it.
 *
 * <p>
 * The {@link #key()} (e.g. {@code "user_unknown"}) is what the database, the API and the
 * pages use; {@link #label()} is its name for people. The {@link #action()} is what the
 * reason calls for when the bounce is permanent; a transient bounce (RFC 3464 Action
 * {@code delayed}, or an RFC 3463 class-4 status) never suppresses: see
 * {@link #actionFor(boolean)}.
 */
public enum BounceReason {

	/** The local part does not exist (RFC 3463 X.1.1). */
	USER_UNKNOWN("user unknown", Action.SUPPRESS),
	/** The domain does not exist, has no MX, or a null MX (X.1.2, RFC 7505 X.1.10). */
	HOST_UNKNOWN("host unknown / no MX", Action.SUPPRESS),
	/** The recipient's mailbox is over quota (X.2.2). */
	MAILBOX_FULL("mailbox full", Action.RETRY),
	/** The message is larger than the receiver accepts (X.2.3, X.3.4). */
	MESSAGE_TOO_BIG("message too big", Action.BLOCK),
	/** The account exists but is suspended or disabled (X.7.13). */
	ACCOUNT_DISABLED("account suspended or disabled", Action.SUPPRESS),
	/** The mailbox has moved with no forwarding address (X.1.6). */
	HAS_MOVED("has moved", Action.SUPPRESS),
	/** Too many connections, recipients or messages for now (X.4.5, X.5.3). */
	RATE_LIMITED("rate limited / too many connections", Action.RETRY),
	/** Retries timed out before delivery (X.4.7), or a delay notice. */
	EXPIRED("expired (retries timed out)", Action.RETRY),
	/** Our sending IP or host is refused (a block list, X.7.1). */
	BLOCKED("blocked (our IP or domain)", Action.BLOCK),
	/** The content was judged spam. */
	SPAM_DETECTED("spam detected (content)", Action.BLOCK),
	/** Refused by the receiver's policy or filter (X.6.X content errors included). */
	POLICY_VIOLATION("policy violation", Action.BLOCK),
	/** A virus scanner refused the message. */
	VIRUS_DETECTED("virus detected", Action.BLOCK),
	/** SPF, DKIM or DMARC failed, or another security check (X.7.20-X.7.26). */
	AUTH_FAILURE("authentication failure (SPF/DKIM/DMARC)", Action.BLOCK),
	/** Our sending IP has no or a mismatched PTR record (X.7.25). */
	REQUIRES_PTR("requires PTR", Action.BLOCK),
	/** Our IP or domain has a bad reputation at the receiver. */
	BAD_REPUTATION("bad reputation", Action.BLOCK),
	/** Our envelope sender was refused (X.1.7, X.1.8, X.7.27). */
	SENDER_REJECTED("sender rejected", Action.BLOCK),
	/** The receiver refuses to relay for the recipient's domain. */
	RELAYING_DENIED("relaying denied", Action.BLOCK),
	/** The receiving system failed or is misconfigured (X.3.X, X.4.3). */
	SYSTEM_ERROR("system error", Action.RETRY),
	/** DNS, routing or connection failure on the way (X.4.X). */
	NETWORK_ERROR("network error", Action.RETRY),
	/** The receiver did not understand our SMTP (X.5.X). */
	SYNTAX_ERROR("syntax error", Action.BLOCK),
	/** A report with a reason that does not say what happened yet. */
	ON_HOLD("on hold", Action.RETRY),
	/** No evidence of why. */
	UNDEFINED("undefined", Action.RETRY);

	/** What a bounce reason calls for. */
	public enum Action {

		/**
		 * The recipient cannot receive mail: suppress the address and stop its sequence.
		 */
		SUPPRESS,
		/** Temporary: try later; repeated soft bounces suppress. */
		RETRY,
		/**
		 * The receiver refused us, not the address: never suppress the recipient; slow or
		 * pause the sending mailbox and alert.
		 */
		BLOCK

	}

	private final String label;

	private final Action action;

	BounceReason(String label, Action action) {
		this.label = label;
		this.action = action;
	}

	/** The stored and API name, e.g. {@code "user_unknown"}. */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The name shown to people, e.g. {@code "user unknown"}. */
	public String label() {
		return this.label;
	}

	/** What a permanent bounce with this reason calls for. */
	public Action action() {
		return this.action;
	}

	/**
	 * What a bounce with this reason calls for: a transient one (delayed, or a class-4
	 * status) retries where a permanent one would suppress.
	 */
	public Action actionFor(boolean permanent) {
		return (this.action == Action.SUPPRESS && !permanent) ? Action.RETRY : this.action;
	}

	/**
	 * The older three-way type kept with each bounce: {@code hard} (suppress),
	 * {@code soft} (retry), {@code block}, or {@code unknown} (no evidence of why:
	 * {@link #UNDEFINED} and {@link #ON_HOLD}, which retry but never count towards
	 * suppression).
	 */
	public String type(boolean permanent) {
		if (this == UNDEFINED || this == ON_HOLD) {
			return "unknown";
		}
		return switch (actionFor(permanent)) {
			case SUPPRESS -> "hard";
			case RETRY -> "soft";
			case BLOCK -> "block";
		};
	}

	/**
	 * Whether the receiver refused the sender itself (its IP, domain, reputation,
	 * authentication or sender address): such refusals slow or pause the sending mailbox.
	 */
	public boolean aboutSender() {
		return switch (this) {
			case BLOCKED, BAD_REPUTATION, SPAM_DETECTED, AUTH_FAILURE, REQUIRES_PTR, SENDER_REJECTED -> true;
			default -> false;
		};
	}

	/** The reason of a stored or API key, e.g. {@code "mailbox_full"}. */
	public static Optional<BounceReason> ofKey(String key) {
		return Arrays.stream(values()).filter((reason) -> reason.key().equals(key)).findFirst();
	}

}
