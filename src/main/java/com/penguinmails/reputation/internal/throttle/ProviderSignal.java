package com.penguinmails.reputation.internal.throttle;

import com.penguinmails.shared.StoredValue;

/**
 * What a receiving server's reply (or a DSN's diagnostic) says about how it treats the
 * sender, with the response it calls for on the sender's path to that receiver.
 */
public enum ProviderSignal implements StoredValue {

	/**
	 * Gmail 421-4.7.28: an unusual rate of unsolicited mail, temporarily rate limited.
	 */
	RATE_LIMITED("rate_limited", "Rate limited by the receiver", Response.SLOW),

	/**
	 * Gmail 421-4.7.0: suspicious for the very low reputation of the sending IP or
	 * domain.
	 */
	LOW_REPUTATION("low_reputation", "Deferred for low sender reputation", Response.SLOW),

	/** Microsoft 4.7.650 / 4.7.651: the IP is rate limited for its reputation. */
	IP_REPUTATION_THROTTLED("ip_reputation_throttled", "IP rate limited for its reputation", Response.SLOW),

	/** Yahoo TSS04: deferred for unexpected volume or user complaints. */
	VOLUME_DEFERRED("volume_deferred", "Deferred for volume or complaints", Response.SLOW),

	/** 421 4.7.0 and kin: too many connections or messages from the sender at once. */
	TOO_MANY_CONNECTIONS("too_many_connections", "Too many connections", Response.SLOW),

	/**
	 * Gmail 550-5.7.26: unauthenticated (neither SPF nor DKIM passed, or DMARC failed).
	 */
	UNAUTHENTICATED("unauthenticated", "Refused as unauthenticated", Response.SUSPEND),

	/** Gmail 550-5.7.1: likely unsolicited mail, blocked. */
	SPAM_BLOCKED("spam_blocked", "Refused as likely spam", Response.SUSPEND),

	/** Microsoft 5.7.708: traffic not accepted from this IP. */
	IP_NOT_ACCEPTED("ip_not_accepted", "Traffic from the IP not accepted", Response.SUSPEND),

	/** Microsoft S3150 / S3140: the IP's network is on Microsoft's block list. */
	BLOCK_LISTED("block_listed", "On the receiver's block list", Response.SUSPEND),

	/** Yahoo TSS09: all messages from the IP permanently deferred. */
	PERMANENTLY_DEFERRED("permanently_deferred", "All mail from the IP deferred", Response.SUSPEND),

	/** Yahoo PH01 (and its 5.7.9 policy refusal): not accepted for policy reasons. */
	POLICY_REFUSED("policy_refused", "Refused for policy reasons", Response.SUSPEND),

	/**
	 * Gmail 4.2.1: the recipient receives mail too quickly. About that one recipient, not
	 * the sender: recorded, never counted against the path.
	 */
	RECIPIENT_TOO_FAST("recipient_too_fast", "The recipient receives mail too fast", Response.NONE),

	/**
	 * Greylisting (450/451 4.7.1, 4.2.0 "greylisted", "try again later"): the normal
	 * retry handles it; never counted against the path.
	 */
	GREYLISTED("greylisted", "Greylisted", Response.NONE),

	/**
	 * A spam complaint about a message on the path: for the complaint-rate guard
	 * ({@link ThrottleGuards}), never a reply signal.
	 */
	COMPLAINT("complaint", "Spam complaint", Response.NONE),

	/** A hard bounce of a message on the path: for the bounce-rate guard. */
	HARD_BOUNCE("hard_bounce", "Hard bounce", Response.NONE);

	/** What a signal calls for on the path. */
	public enum Response {

		/** Nothing: retrying is the answer. */
		NONE,
		/** Lower the rate and widen the gap. */
		SLOW,
		/** Stop sending on the path for a while. */
		SUSPEND

	}

	private final String value;

	private final String label;

	private final Response response;

	ProviderSignal(String value, String label, Response response) {
		this.value = value;
		this.label = label;
		this.response = response;
	}

	@Override
	public String value() {
		return value;
	}

	/** The signal in words for pages and alerts. */
	public String label() {
		return label;
	}

	public Response response() {
		return response;
	}

}
