package com.penguinmails.delivery.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.penguinmails.mailboxes.SmtpReply;

/** What an SMTP reply means for the message: retry when, fail how, bounce or not. */
public final class Replies {

	/**
	 * The waits before each retry of a 4xx: five retries, the last about 10 hours after
	 * the first try, well within a day.
	 */
	public static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(5), Duration.ofMinutes(15),
			Duration.ofMinutes(45), Duration.ofMinutes(135), Duration.ofMinutes(405));

	private static final Pattern USER_UNKNOWN = Pattern.compile(
			"(?i)user unknown|unknown user|no such (user|mailbox|recipient)|mailbox (not found|unavailable|does not exist)"
					+ "|recipient (not found|unknown|rejected)|does not exist|invalid recipient");

	private static final List<Pattern> QUEUE_IDS = List.of(Pattern.compile("(?i)queued as ([A-Za-z0-9._-]+)"),
			Pattern.compile("(?i)\\bid=([A-Za-z0-9._-]+)"), Pattern.compile("(?i)([A-Za-z0-9._-]+) - gsmtp\\s*$"),
			Pattern.compile("(?i)\\bOK\\s*<([^>\\s]+)>"));

	private Replies() {
	}

	/**
	 * The wait before the next try after {@code attempts} tries that got a 4xx, or empty
	 * when the retries are used up.
	 */
	public static Optional<Duration> backoff(int attempts) {
		return attempts >= 1 && attempts <= BACKOFF.size() ? Optional.of(BACKOFF.get(attempts - 1)) : Optional.empty();
	}

	/**
	 * Whether a permanent failure says the address does not exist (RFC 3463: X.1.1 bad
	 * mailbox, X.1.0 other address status, X.1.10 null MX of RFC 7505), by the enhanced
	 * code, or by the words of a 550 without a more precise code.
	 */
	public static boolean hardBounce(SmtpReply reply) {
		if (!reply.permanentFailure()) {
			return false;
		}
		Optional<String> enhanced = reply.enhancedStatus();
		if (enhanced.isPresent() && List.of("5.1.1", "5.1.0", "5.1.10").contains(enhanced.get())) {
			return true;
		}
		boolean generic = enhanced.isEmpty() || enhanced.get().startsWith("5.0.") || enhanced.get().equals("5.5.0");
		return reply.code() == 550 && generic && USER_UNKNOWN.matcher(reply.text()).find();
	}

	/** The kind of a permanent failure, by its enhanced status code (RFC 3463 §3). */
	public static String failure(SmtpReply reply) {
		if (hardBounce(reply)) {
			return "hard_bounce";
		}
		String enhanced = reply.enhancedStatus().orElse("");
		if (enhanced.startsWith("5.2.")) {
			return enhanced.equals("5.2.2") ? "mailbox_full" : "mailbox";
		}
		if (enhanced.startsWith("5.7.")) {
			return "policy";
		}
		if (enhanced.startsWith("5.6.") || enhanced.equals("5.3.4")) {
			return "message";
		}
		if (enhanced.startsWith("5.1.")) {
			return "address";
		}
		if (enhanced.startsWith("5.4.")) {
			return "routing";
		}
		return "other";
	}

	/** The queue id the server gave the message (Postfix, Exim, Gmail), if it says. */
	public static String queueId(String reply) {
		if (reply == null) {
			return null;
		}
		for (Pattern pattern : QUEUE_IDS) {
			Matcher matcher = pattern.matcher(reply);
			if (matcher.find()) {
				return matcher.group(1);
			}
		}
		return null;
	}

}
