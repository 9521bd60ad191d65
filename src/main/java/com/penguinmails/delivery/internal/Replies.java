package com.penguinmails.delivery.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.penguinmails.mailboxes.SmtpReply;
import com.penguinmails.shared.BounceReason;
import com.penguinmails.shared.BounceReasons;

/** What an SMTP reply means for the message: retry when, fail how, bounce or not. */
public final class Replies {

	/**
	 * The waits before each retry of a 4xx: five retries, the last about 10 hours after
	 * the first try, well within a day.
	 */
	public static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(5), Duration.ofMinutes(15),
			Duration.ofMinutes(45), Duration.ofMinutes(135), Duration.ofMinutes(405));

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
	 * Whether a permanent failure says the address cannot receive mail, by the same
	 * reasons as bounces read back ({@link BounceReasons}): the server's words first, so
	 * a 5.1.1 "too many recipients this hour" or a 5.1.0 refusing our sender never
	 * suppresses the recipient; then its enhanced code (RFC 3463: X.1.1 bad mailbox,
	 * X.1.2 bad system, X.1.10 null MX of RFC 7505).
	 */
	public static boolean hardBounce(SmtpReply reply) {
		return reason(reply).actionFor(reply.permanentFailure()) == BounceReason.Action.SUPPRESS
				&& reply.permanentFailure();
	}

	/** Why the server refused, from its reply (RFC 5321 §4.2, RFC 3463). */
	public static BounceReason reason(SmtpReply reply) {
		String text = (reply.text() != null) ? reply.text() : String.valueOf(reply.code());
		String status = BounceReasons.status(null, text);
		// The receiving server's own reply, most often to RCPT TO (RFC 5321 §3.3: 550,
		// 551 and 553 refuse a recipient), not a report relayed from elsewhere.
		String command = (reply.code() == 550 || reply.code() == 551 || reply.code() == 553)
				? "(in reply to RCPT TO command)" : null;
		return BounceReasons.reason(reply.permanentFailure() ? "failed" : "delayed", status,
				String.valueOf(reply.code()), text, command, null, java.util.Set.of());
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
