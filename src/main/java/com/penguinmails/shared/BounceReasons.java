package com.penguinmails.shared;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.penguinmails.shared.internal.BounceCodes;
import com.penguinmails.shared.internal.BouncePhrases;

/**
 * Why one recipient bounced, from every piece of evidence a report gives: the receiving
 * server's own reply (its words first, then its enhanced status code, RFC 3463, then its
 * reply code, RFC 5321 §4.2), the report's Status field, its Action, and the words the
 * reporting system wrote about the recipient.
 *
 * <p>
 * The words win over the codes because servers misuse codes: a 5.1.1 "too many recipients
 * this hour" is a rate limit, a 5.1.0 naming our sender address is a refused sender, a
 * 552 "over quota" under a 5.1.1 Status is a full mailbox. Among codes, the server's own
 * (inside its reply) wins over the reporting MTA's Status, and a relay's prefix (the
 * first of several codes) gives way to the receiving server's code that follows it. A
 * class-4 status under X.7 (a reputation or volume deferral) is about us, not the
 * recipient.
 */
public final class BounceReasons {

	// RFC 3463 §2: class.subject.detail, not inside an IP address or a version number.
	private static final Pattern ENHANCED_CODE = Pattern
		.compile("(?<![\\w.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?!\\.?\\d)");

	// RFC 5321 §4.2: a three-digit reply code, e.g. "550 " or "550-" or Yahoo's "554:".
	private static final Pattern REPLY_CODE = Pattern.compile("(?<![\\w.#])([245][0-5]\\d)(?=[ :\\-]|$)");

	// "host mx.example.com[192.0.2.1] said:" (Postfix), "host mx.example.com
	// [192.0.2.1]:"
	// (Exim), "SMTP Server <mx.example.com> rejected" (others).
	private static final Pattern REMOTE_HOST = Pattern
		.compile("(?i)(?:\\bhost|\\bserver)\\s+<?([a-z0-9][a-z0-9.-]*\\.[a-z]{2,})>?\\s*\\[");

	private static final String ADDRESS = "[^\\s<>()\"',;:@]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+";

	private static final Pattern ANY_ADDRESS = Pattern.compile("(?<![\\w.+-])(" + ADDRESS + ")");

	// Words that put the refusal on the sender's side.
	private static final Pattern ABOUT_US = Pattern
		.compile("\\b(blocked|spam|blacklist(ed)?|blocklist(ed)?|reputation|policy|dnsbl|rbl)\\b");

	private BounceReasons() {
	}

	/** The first enhanced status code in a text, or {@code null}. */
	public static String code(String text) {
		if (text == null) {
			return null;
		}
		Matcher matcher = ENHANCED_CODE.matcher(text);
		return matcher.find() ? matcher.group() : null;
	}

	/**
	 * The code that best describes a failure: the receiving server's own (in its reply),
	 * unless it says less than the Status field ({@code X.0.0}).
	 */
	public static String status(String statusField, String diagnostic) {
		String reported = code(statusField);
		String server = serverCode(diagnostic);
		if (server == null) {
			return reported;
		}
		if (reported == null) {
			return server;
		}
		String[] s = server.split("\\.");
		if (s[1].equals("0") && s[2].equals("0")) {
			return reported;
		}
		return server;
	}

	/**
	 * The receiving server's code in a reply: of several, the last specific one (a relay
	 * puts its own before the receiver's).
	 */
	public static String serverCode(String text) {
		if (text == null) {
			return null;
		}
		Matcher matcher = ENHANCED_CODE.matcher(text);
		String last = null;
		String lastSpecific = null;
		for (int count = 0; count < 20 && matcher.find(); count++) {
			last = matcher.group();
			if (!matcher.group(2).equals("0") || !matcher.group(3).equals("0")) {
				lastSpecific = matcher.group();
			}
		}
		return (lastSpecific != null) ? lastSpecific : last;
	}

	/** The first SMTP reply code in a text, or {@code null}. */
	public static String replyCode(String text) {
		if (text == null) {
			return null;
		}
		Matcher matcher = REPLY_CODE.matcher(text);
		return matcher.find() ? matcher.group(1) : null;
	}

	/**
	 * The host a reply names as the one that gave it ("host mx.example.com[192.0.2.1]
	 * said:"), lower case, or {@code null}.
	 */
	public static String remoteHost(String diagnostic, String context) {
		for (String text : new String[] { diagnostic, context }) {
			if (text != null) {
				Matcher matcher = REMOTE_HOST.matcher(text);
				if (matcher.find()) {
					return matcher.group(1).toLowerCase(Locale.ROOT);
				}
			}
		}
		return null;
	}

	/**
	 * The reason from words first (the server's reply, then the report's text about the
	 * recipient), then codes, then the action.
	 * @param action {@code "failed"} or {@code "delayed"} (RFC 3464 §2.3.3)
	 * @param status the enhanced status code that best describes the failure (see
	 * {@link #status}), or {@code null}
	 * @param reply the SMTP reply code, e.g. {@code "550"}, or {@code null}
	 * @param diagnostic the receiving server's reply, or {@code null}
	 * @param context the reporting system's words about the recipient, or {@code null}
	 * @param address the recipient, or {@code null}
	 * @param ours our own addresses: a refusal naming one of them and not the recipient
	 * is about our sender; may be empty
	 * @return the reason, never {@code null}
	 */
	public static BounceReason reason(String action, String status, String reply, String diagnostic, String context,
			String address, Set<String> ours) {
		String words = normalise(diagnostic);
		if (words.contains("greylist") || words.contains("graylist")) {
			// Greylisting (RFC 6647): a first try deferred on purpose; the retry passes.
			return BounceReason.ON_HOLD;
		}
		BounceReason byWords = byWords(words, address, ours);
		if (byWords == null) {
			byWords = byWords(normalise(context), address, ours);
		}
		boolean transientClass = (status != null && status.startsWith("4."))
				|| (status == null && reply != null && reply.startsWith("4"));
		if (("521".equals(reply) || "556".equals(reply))
				&& (byWords == null || byWords.action() == BounceReason.Action.RETRY)) {
			// RFC 7504: the host or domain does not accept mail at all.
			return BounceReason.HOST_UNKNOWN;
		}
		if (byWords == BounceReason.USER_UNKNOWN && !provesUnknownUser(status, diagnostic, context)) {
			// "Unknown user" where nothing says the address was refused at RCPT (RFC 5321
			// §3.3) nor with an X.1.X code: a recipient's filter answering after DATA, or
			// under X.2.X (the mailbox exists) as Japanese carriers do. Not enough to
			// suppress an address.
			return BounceReason.POLICY_VIOLATION;
		}
		if (byWords != null) {
			return deferral(byWords, status, transientClass);
		}
		BounceReason byCode = BounceCodes.byCode(status);
		if (reply != null && reply.matches("50[0-4]|555") && (status == null || status.endsWith(".5.0"))) {
			// RFC 5321 §4.2.2: 500-504 and 555 refuse our command or its arguments.
			byCode = BounceReason.SYNTAX_ERROR;
		}
		if (byCode == null) {
			byCode = BounceCodes.byReply(reply);
		}
		if (byCode != null) {
			return deferral(byCode, status, transientClass);
		}
		if ("delayed".equals(action)) {
			return BounceReason.EXPIRED;
		}
		return (words.isEmpty() && normalise(context).isEmpty()) ? BounceReason.UNDEFINED : BounceReason.ON_HOLD;
	}

	// The SMTP command a reply answered: Postfix "(in reply to RCPT TO command)", Exim
	// "after RCPT TO:", Sendmail ">>> RCPT To:", others "following RCPT command".
	private static final Pattern COMMAND = Pattern.compile(
			"(?i)(in reply to|after|following|>>>)\\s+(the\\s+)?(rcpt|mail from|data|end of data|message body|helo|ehlo)");

	private static final Pattern PROOF = Pattern.compile("requested action not taken: mailbox unavailable"
			+ "|doesn't have an? [\\w.-]+ account|account that you tried to reach does not exist|recipientnotfound"
			+ "|recipient not found by smtp address lookup|no mailbox here by that name|mailbox does not exist"
			+ "|(user|address|recipient) (doesn't|does not) exist");

	/**
	 * Whether an "unknown user" reply is about the address itself: an X.1.X code (RFC
	 * 3463 §3.2), or a refusal at RCPT TO.
	 */
	private static boolean provesUnknownUser(String status, String diagnostic, String context) {
		if (status != null && status.substring(1).startsWith(".1.")) {
			return true;
		}
		// RFC 5321 §4.2.3's own text for a 550 about the mailbox, and what the big
		// providers say only of an address that does not exist.
		if (PROOF.matcher(normalise(diagnostic)).find()) {
			return true;
		}
		for (String text : new String[] { diagnostic, context }) {
			if (text != null) {
				Matcher matcher = COMMAND.matcher(text);
				if (matcher.find()) {
					return matcher.group(3).equalsIgnoreCase("rcpt");
				}
			}
		}
		// No code, no command: a mail system's own notice ("Unknown user: bob@x") names
		// the recipient it could not find.
		return status == null && (diagnostic == null || replyCode(diagnostic) == null);
	}

	/**
	 * RFC 3463 §3.8: a transient X.7 status is a security or policy deferral, which for a
	 * sender means its reputation or volume: about us, not the recipient.
	 */
	private static BounceReason deferral(BounceReason reason, String status, boolean transientClass) {
		if (transientClass && status != null && status.startsWith("4.7.")
				&& reason.action() != BounceReason.Action.BLOCK) {
			return BounceReason.BLOCKED;
		}
		return reason;
	}

	private static BounceReason byWords(String words, String address, Set<String> ours) {
		if (words.isEmpty()) {
			return null;
		}
		if (namesOurSender(words, address, ours)) {
			return BounceReason.SENDER_REJECTED;
		}
		for (BouncePhrases.Rule rule : BouncePhrases.RULES) {
			if (rule.pattern().matcher(words).find()) {
				// "mailbox unavailable ... blocked by policy": an unknown-user phrase
				// beside
				// words about us is not proof enough to suppress; the later rules decide.
				if (rule.reason() == BounceReason.USER_UNKNOWN && ABOUT_US.matcher(words).find()) {
					continue;
				}
				return rule.reason();
			}
		}
		return null;
	}

	/**
	 * A refusal that names one of our own addresses and not the recipient is about our
	 * sender ("550 5.1.0 &lt;us@...&gt; sender rejected").
	 */
	private static boolean namesOurSender(String words, String address, Set<String> ours) {
		if (ours == null || ours.isEmpty()) {
			return false;
		}
		Matcher matcher = ANY_ADDRESS.matcher(words);
		boolean ourSender = false;
		while (matcher.find()) {
			String named = matcher.group(1).toLowerCase(Locale.ROOT);
			if (address != null && named.equalsIgnoreCase(address)) {
				return false;
			}
			if (ours.contains(named)) {
				ourSender = true;
			}
		}
		return ourSender && words.matches("(?s).*\\b(reject|refuse|denied|not allowed|blocked|invalid).*");
	}

	private static String normalise(String text) {
		if (text == null) {
			return "";
		}
		return text.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
	}

}
