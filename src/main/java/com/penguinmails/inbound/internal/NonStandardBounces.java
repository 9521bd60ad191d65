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
		.compile("(?i)(^|<|\\s)(mailer-?daemon|postmaster)@|mail delivery (subsystem|system)");

	private static final Pattern SUBJECT = Pattern.compile("(?i)^\\s*(undelivered mail returned to sender"
			+ "|mail delivery failed|delivery status notification \\((failure|delay)\\)|undeliverable\\b|undelivered:"
			+ "|unzustellbar|non remis|failure notice|returned mail:|delivery failure|message delivery failure"
			+ "|delivery has failed|mail system error - returned mail|delayed mail|delivery delayed"
			+ "|warning: message .{0,40}delayed|could not send message|mail could not be delivered)");

	private static final Pattern FAILURE_WORDS = Pattern.compile("(?i)could not be delivered|couldn't be delivered"
			+ "|delivery has failed|undeliverable|permanent (fatal )?errors?|failed permanently|unable to deliver"
			+ "|wasn't able to deliver|was not delivered|wasn't delivered|following address(es)? failed"
			+ "|has not yet been delivered|user unknown|delivery to the following recipient");

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
		if (!bySubject && !(SENDER.matcher(from).find() && FAILURE_WORDS.matcher(parts.text()).find())) {
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
		List<Mention> named = named(parts, report);
		List<BouncedRecipient> bounces = new ArrayList<>();
		for (int i = 0; i < named.size(); i++) {
			// The text about a recipient runs from its name to the next recipient's name.
			int from = named.get(i).end();
			int to = (i + 1 < named.size()) ? named.get(i + 1).start() : report.length();
			bounces.add(bounce(named.get(i).address(), action, report.substring(Math.min(from, to), to)));
		}
		if (bounces.isEmpty() && original != null && original.to() != null) {
			bounces.add(bounce(original.to(), action, report));
		}
		if (bounces.isEmpty()) {
			parts.problem("no bounced recipient could be found");
		}
		return bounces;
	}

	private static BouncedRecipient bounce(String address, String action, String segment) {
		String diagnostic = diagnostic(segment);
		String code = BounceTypes.code(diagnostic);
		return new BouncedRecipient(address, action, code, diagnostic, BounceTypes.of(action, code, diagnostic));
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
	private static List<Mention> named(MessageParts parts, String report) {
		Set<String> ours = ours(parts);
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

	private static Set<String> ours(MessageParts parts) {
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
