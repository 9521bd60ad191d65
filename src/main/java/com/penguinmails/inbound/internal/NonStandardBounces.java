package com.penguinmails.inbound.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.penguinmails.inbound.internal.Classification.Kind;

/**
 * Bounces in a mail system's own words rather than RFC 3464 fields: Postfix, Exim, qmail
 * and Yahoo, Sendmail, Exchange and older Gmail notices, recognised by their sender and
 * subject, with each recipient and its SMTP reply found in the text.
 */
final class NonStandardBounces {

	private static final int MAX_DIAGNOSTIC = 500;

	// The mail system writes as MAILER-DAEMON, or as postmaster (RFC 5321 §4.5.1).
	private static final Pattern SENDER = Pattern
		.compile("(?i)(^|<|\\s|\")(mailer-?daemon|postmaster|mail ?delivery ?(subsystem|system|service)?)(@|\\s|>|\"|$)"
				+ "|mail delivery (subsystem|system)|mailer daemon");

	private static final Pattern SUBJECT = Pattern.compile("(?i)^\\s*(undelivered mail returned to sender"
			+ "|mail delivery failed|delivery status notification|undeliverable\\b|undelivered:"
			+ "|unzustellbar|non remis|failure notice|returned mail|delivery failure|message delivery failure"
			+ "|delivery has failed|mail system error|delayed mail|delivery delayed"
			+ "|warning: message .{0,40}delayed|could not send message|mail could not be delivered"
			+ "|there was an error sending your mail|mail failed|mail failure|returning (mail )?to sender"
			+ "|returned to sender|non-?delivery|nondeliverable|not delivered|delivery notification: delivery has failed"
			+ "|delivery problem|failed delivery|message not delivered|mail delivery error|notice of delivery failure"
			+ "|delivery final failure|permanent delivery failure|warning: could not deliver"
			+ "|メールエラー通知|エラー通知|配信エラー|配送エラー|不達通知|未達)"
			+ "|\\bundeliver(able|ed) (mail|message)|\\. mail failure\\.?$|^\\s*\\[?bounce\\]?\\s*:");

	private static final Pattern FAILURE_WORDS = Pattern.compile("(?i)could not be delivered|couldn't be delivered"
			+ "|delivery has failed|undeliverable|permanent (fatal )?errors?|failed permanently|unable to deliver"
			+ "|wasn't able to deliver|was not delivered|wasn't delivered|following address(es)? failed"
			+ "|has not yet been delivered|user unknown|delivery to the following recipient"
			+ "|error has occurred while attempting to deliver|rejected recipient|could not deliver|trouble delivering"
			+ "|no valid recipients|failed addresses follow|delivery failed|not be delivered|non-delivery");

	// What only a mail system's notice says, whoever it comes from and whatever its
	// subject.
	private static final Pattern SIGNATURES = Pattern.compile("(?i)this is the mail system at host"
			+ "|this is the qmail-send program|created automatically by mail delivery software"
			+ "|could not be delivered to: <|i'm afraid i wasn't able to deliver your message"
			+ "|error has occurred while attempting to deliver a message|delivery to the following recipients? failed"
			+ "|the following addresses had permanent fatal errors|this is the mailer-daemon");

	private static final Pattern DELAY_SUBJECT = Pattern.compile("(?i)\\(delay\\)|delayed|still being retried");

	private static final Pattern DELAY_WORDS = Pattern.compile("(?i)has not yet been delivered|not been delivered yet"
			+ "|will (continue to )?(try|retry)|still trying|delivery attempts will continue");

	private static final Pattern PERMANENT_WORDS = Pattern
		.compile("(?i)permanent|given up|giving up|fatal|failed permanently|could not be delivered");

	private static final String ADDRESS = "[^\\s<>()\"',;:@]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+";

	// "<bob@x>:" at a line's start: qmail, Yahoo, Postfix.
	private static final Pattern BRACKETED = Pattern.compile("(?m)^[ \\t]*<(" + ADDRESS + ")>:?[ \\t]*");

	// An address on a line of its own: Exim, Gmail, Sendmail, Exchange.
	private static final Pattern ALONE = Pattern
		.compile("(?m)^[ \\t]*(" + ADDRESS + ")(?:[ \\t]+\\(" + ADDRESS + "\\))?[ \\t]*:?[ \\t]*$");

	// "Name (bob@x)": Exchange.
	private static final Pattern PARENTHESISED = Pattern.compile("(?m)^[^\\n@]*\\((" + ADDRESS + ")\\)[ \\t]*$");

	// An SMTP transcript's RCPT TO:<bob@x>: Exim, Sendmail.
	private static final Pattern RCPT_TO = Pattern.compile("(?i)RCPT TO:[ \\t]*<(" + ADDRESS + ")>");

	// RFC 3464 fields quoted in the text.
	private static final Pattern RECIPIENT_FIELD = Pattern
		.compile("(?im)^[ \\t]*(?:final|original)-recipient:[ \\t]*(?:rfc822;)?[ \\t]*<?(" + ADDRESS + ")>?");

	private static final List<Pattern> RECIPIENT_PLACES = List.of(BRACKETED, ALONE, PARENTHESISED, RCPT_TO,
			RECIPIENT_FIELD);

	private static final Pattern ANY_ADDRESS = Pattern.compile("(?<![\\w.+-])(" + ADDRESS + ")");

	private static final Pattern SMTP_REPLY = Pattern
		.compile("(?<![\\w.])([245]\\d\\d[ :-]|[245]\\.\\d{1,3}\\.\\d{1,3}\\b)");

	private static final Pattern SYSTEM_MAILBOX = Pattern.compile("(?i)^(mailer-?daemon|postmaster)@.*");

	private NonStandardBounces() {
	}

	/** A BOUNCE when the message reads as a mail system's failure notice, else empty. */
	static Optional<Classification> read(MessageParts parts) {
		String subject = nonNull(parts.header("Subject"));
		String from = nonNull(parts.header("From"));
		boolean bySubject = SUBJECT.matcher(subject).find();
		// RFC 5321 §4.5.5: a notification is sent with a null reverse-path.
		String returnPath = nonNull(parts.header("Return-Path")).strip();
		boolean system = SENDER.matcher(from).find() || returnPath.equals("<>");
		String text = parts.text();
		if (!(bySubject && (system || FAILURE_WORDS.matcher(text).find()))
				&& !(system && FAILURE_WORDS.matcher(text).find()) && !SIGNATURES.matcher(text).find()) {
			return Optional.empty();
		}
		Original original = Originals.of(parts);
		List<BouncedRecipient> bounces = recipients(parts, original);
		return Optional.of(new Classification(Kind.BOUNCE, bounces, null, original, null, parts.problems()));
	}

	/**
	 * The recipients a bounce's text names, each with the reply that follows its name;
	 * when it names none, the original's To; when there is none either, a problem.
	 */
	static List<BouncedRecipient> recipients(MessageParts parts, Original original) {
		String report = BounceText.of(parts.text()).report();
		String action = delayed(parts, report) ? "delayed" : "failed";
		Set<String> ours = ours(parts);
		List<Mention> named = named(report, ours);
		List<BouncedRecipient> bounces = new ArrayList<>();
		for (int i = 0; i < named.size(); i++) {
			// The text about a recipient runs from the line naming it ("Unknown user:
			// bob@x") to the next recipient's name.
			int from = report.lastIndexOf('\n', named.get(i).start()) + 1;
			int to = (i + 1 < named.size()) ? named.get(i + 1).start() : report.length();
			bounces.add(bounce(named.get(i).address(), action, report.substring(Math.min(from, to), to), ours,
					nonNull(parts.header("Subject"))));
		}
		if (bounces.isEmpty() && original != null && original.to() != null) {
			bounces.add(bounce(original.to(), action, report, ours, nonNull(parts.header("Subject"))));
		}
		if (bounces.isEmpty()) {
			parts.problem("no bounced recipient could be found");
		}
		return bounces;
	}

	private static BouncedRecipient bounce(String address, String action, String segment, Set<String> ours,
			String subject) {
		// The subject last: "Mail failure - malformed recipient address".
		return BouncedRecipients.recipient(address, action, null, diagnostic(segment), segment + "\n" + subject, null,
				ours);
	}

	/**
	 * What the report's own words say about one recipient: the text from its address to
	 * the next address or blank-line-separated block, or {@code null} when the text does
	 * not name it.
	 */
	static String about(MessageParts parts, String address) {
		String report = BounceText.of(parts.text()).report();
		int at = report.toLowerCase(Locale.ROOT).indexOf(address.toLowerCase(Locale.ROOT));
		if (at < 0) {
			return null;
		}
		int end = report.indexOf("\n\n", at + address.length());
		// A paragraph, or the lines that follow an address on a line of its own.
		if (end >= 0 && end - at < 80) {
			int next = report.indexOf("\n\n", end + 2);
			end = (next >= 0) ? next : report.length();
		}
		end = (end >= 0) ? end : report.length();
		String segment = report.substring(at + address.length(), Math.min(end, at + address.length() + 2000));
		return segment.isBlank() ? null : segment;
	}

	private static boolean delayed(MessageParts parts, String report) {
		if (DELAY_SUBJECT.matcher(nonNull(parts.header("Subject"))).find()) {
			return true;
		}
		return DELAY_WORDS.matcher(report).find() && !PERMANENT_WORDS.matcher(report).find();
	}

	/**
	 * The first mention of each recipient the report names, in order. The bounce's own
	 * sender and addressees (us) and system mailboxes are never the recipient that
	 * failed.
	 */
	private static List<Mention> named(String report, Set<String> ours) {
		List<Mention> mentions = new ArrayList<>();
		for (Pattern place : RECIPIENT_PLACES) {
			collect(place.matcher(report), ours, mentions);
		}
		if (mentions.isEmpty()) {
			collect(ANY_ADDRESS.matcher(report), ours, mentions);
		}
		mentions.sort(Comparator.comparingInt(Mention::start));
		Map<String, Mention> first = new LinkedHashMap<>();
		for (Mention mention : mentions) {
			first.putIfAbsent(mention.address().toLowerCase(Locale.ROOT), mention);
		}
		return List.copyOf(first.values());
	}

	private static void collect(Matcher matcher, Set<String> ours, List<Mention> mentions) {
		while (matcher.find()) {
			String address = matcher.group(1);
			if (!ours.contains(address.toLowerCase(Locale.ROOT)) && !SYSTEM_MAILBOX.matcher(address).matches()) {
				mentions.add(new Mention(address, matcher.start(), matcher.end()));
			}
		}
	}

	/** Our own addresses as a bounce names them: its addressees and envelope. */
	static Set<String> ours(MessageParts parts) {
		Set<String> ours = new HashSet<>();
		for (String header : List.of("From", "To", "Cc", "Reply-To", "Delivered-To", "Return-Path", "X-Original-To")) {
			Matcher matcher = ANY_ADDRESS.matcher(nonNull(parts.header(header)));
			while (matcher.find()) {
				ours.add(matcher.group(1).toLowerCase(Locale.ROOT));
			}
		}
		return ours;
	}

	/**
	 * The server's reply about one recipient: the paragraph from the first line with an
	 * SMTP reply or status code (RFC 5321 §4.2, RFC 3463), else the text about it.
	 */
	private static String diagnostic(String segment) {
		Matcher reply = SMTP_REPLY.matcher(segment);
		String text = segment;
		if (reply.find()) {
			int lineStart = segment.lastIndexOf('\n', reply.start()) + 1;
			int paragraphEnd = segment.indexOf("\n\n", reply.start());
			text = segment.substring(lineStart, (paragraphEnd >= 0) ? paragraphEnd : segment.length());
		}
		String collapsed = text.replaceAll("\\s+", " ").strip();
		if (collapsed.length() > MAX_DIAGNOSTIC) {
			collapsed = collapsed.substring(0, MAX_DIAGNOSTIC);
		}
		return collapsed.isEmpty() ? null : collapsed;
	}

	private static String nonNull(String value) {
		return (value != null) ? value : "";
	}

	private record Mention(String address, int start, int end) {
	}

}
