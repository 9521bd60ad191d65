package com.penguinmails.reputation.internal.throttle;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.penguinmails.reputation.RecipientProvider;

/**
 * Reads an SMTP reply (RFC 5321 §4.2, multi-line or not) or a DSN's diagnostic code (RFC
 * 3464 §2.3.6) for the provider signals that call for slowing or suspending a sender:
 * Gmail's 4.7.28 / 4.7.0 / 5.7.26 / 5.7.1 / 4.2.1, Microsoft's 4.7.650 / 4.7.651 /
 * 5.7.708 / S3150 / S3140, Yahoo's TSS04 / TSS09 / PH01, "too many connections" and
 * greylisting. Pure: no I/O, no state.
 */
public final class ProviderSignals {

	// RFC 3463 §2: class.subject.detail.
	private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245]\\.\\d{1,3}\\.\\d{1,3})(?![\\d.])");

	private static final Pattern CODE = Pattern.compile("^\\s*(?:smtp;\\s*)?([245]\\d\\d)(?:[ -]|$)");

	// RFC 5321 §4.2: continuation lines start "code-"; the text after it is one reply.
	private static final Pattern CONTINUATION = Pattern.compile("(?m)^[245]\\d\\d-");

	private ProviderSignals() {
	}

	/**
	 * A reply or diagnostic as read: its signal, reply code and enhanced status (either
	 * may be null when the text has none) and the provider the text names, if any.
	 */
	public record Classified(ProviderSignal signal, Integer replyCode, String status, RecipientProvider provider) {
	}

	/** Classifies a whole SMTP reply as the server sent it (code included). */
	public static Optional<Classified> classify(String reply) {
		return classify(null, null, reply);
	}

	/**
	 * Classifies a reply or a DSN diagnostic; {@code replyCode} and {@code status} are
	 * used when given (a DSN's Status field), otherwise read from the text. Empty when
	 * the text carries no provider signal (a plain user unknown, a full mailbox).
	 */
	public static Optional<Classified> classify(Integer replyCode, String status, String text) {
		String raw = text == null ? "" : text;
		Integer code = replyCode != null ? replyCode : code(raw);
		String enhanced = status != null && !status.isBlank() ? status.strip() : enhanced(raw);
		String lower = CONTINUATION.matcher(raw).replaceAll("").toLowerCase(Locale.ROOT);
		ProviderSignal signal = signal(code, enhanced == null ? "" : enhanced, lower);
		return Optional.ofNullable(signal).map(s -> new Classified(s, code, enhanced, provider(lower)));
	}

	private static ProviderSignal signal(Integer code, String status, String text) {
		ProviderSignal byMarker = byMarker(status, text);
		if (byMarker != null) {
			return byMarker;
		}
		if (status.equals("4.2.1") && text.contains("receiving mail")) {
			return ProviderSignal.RECIPIENT_TOO_FAST;
		}
		if (text.contains("greylist") || text.contains("graylist")) {
			return ProviderSignal.GREYLISTED;
		}
		if (text.contains("too many connections") || text.contains("too many concurrent")
				|| text.contains("too many simultaneous") || text.contains("server busy")) {
			return ProviderSignal.TOO_MANY_CONNECTIONS;
		}
		if (status.equals("4.7.0")) {
			return text.contains("reputation") || text.contains("suspicious") || text.contains("unsolicited")
					? ProviderSignal.LOW_REPUTATION
					: code != null && code == 421 ? ProviderSignal.TOO_MANY_CONNECTIONS : null;
		}
		if (status.equals("5.7.1") && (text.contains("unsolicited") || text.contains("spam"))) {
			return ProviderSignal.SPAM_BLOCKED;
		}
		if (status.equals("5.7.1") && text.contains("block list")) {
			return ProviderSignal.BLOCK_LISTED;
		}
		if (status.equals("5.7.9") && text.contains("policy reasons")) {
			return ProviderSignal.POLICY_REFUSED;
		}
		boolean later = text.contains("try again later") || text.contains("please retry later");
		if (later
				&& (status.equals("4.7.1") || status.equals("4.2.0") || code != null && (code == 450 || code == 451))) {
			return ProviderSignal.GREYLISTED;
		}
		return null;
	}

	/** The providers' own markers, which say the most. */
	private static ProviderSignal byMarker(String status, String text) {
		if (text.contains("tss09")) {
			return ProviderSignal.PERMANENTLY_DEFERRED;
		}
		if (text.contains("tss04")) {
			return ProviderSignal.VOLUME_DEFERRED;
		}
		if (text.contains("ph01")) {
			return ProviderSignal.POLICY_REFUSED;
		}
		if (text.contains("s3150") || text.contains("s3140")) {
			return ProviderSignal.BLOCK_LISTED;
		}
		if (status.equals("5.7.708") || text.contains("traffic not accepted from this ip")) {
			return ProviderSignal.IP_NOT_ACCEPTED;
		}
		if (status.equals("4.7.650") || status.equals("4.7.651")) {
			return ProviderSignal.IP_REPUTATION_THROTTLED;
		}
		if (status.equals("4.7.28")) {
			return ProviderSignal.RATE_LIMITED;
		}
		if (status.equals("5.7.26") || text.contains("sender is unauthenticated")) {
			return ProviderSignal.UNAUTHENTICATED;
		}
		return null;
	}

	/**
	 * The provider a reply names (Gmail's "gsmtp", Microsoft's aka.ms links, Yahoo's).
	 */
	static RecipientProvider provider(String text) {
		if (text.contains("gsmtp") || text.contains("support.google.com") || text.contains("gmail")) {
			return RecipientProvider.GOOGLE;
		}
		if (text.contains("aka.ms") || text.contains("outlook.com") || text.contains("hotmail")
				|| text.contains("protection.outlook")) {
			return RecipientProvider.MICROSOFT;
		}
		if (text.contains("yahoo") || text.contains("aol.com")) {
			return RecipientProvider.YAHOO;
		}
		return null;
	}

	private static Integer code(String text) {
		Matcher matcher = CODE.matcher(text);
		return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
	}

	private static String enhanced(String text) {
		Matcher matcher = ENHANCED.matcher(text);
		return matcher.find() ? matcher.group(1) : null;
	}

}
