package com.penguinmails.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

	private static final List<Rule> RULES = new ArrayList<>();

	// Words that put the refusal on the sender's side.
	private static final Pattern ABOUT_US = Pattern
		.compile("\\b(blocked|spam|blacklist(ed)?|blocklist(ed)?|reputation|policy|dnsbl|rbl)\\b");

	static {
		rule(BounceReason.SENDER_REJECTED,
				"sender (address |e-?mail address |domain )?(is )?(rejected|refused|denied|blocked|not allowed|invalid)",
				"sender verify failed", "sender verification failed", "unroutable sender", "bogus mail from",
				"domain of sender address", "sender domain (must exist|is empty|not found|does not exist)",
				"(null|empty) (envelope )?senders? (is )?not allowed", "<> invalid sender", "invalid sender",
				"mail from not owned by user", "sender is spammer", "sender not pre-approved",
				"email address is not verified", "no third-party dsns", "batv (failed|validation|defense)",
				"from: domain is invalid", "returned mail not accepted here", "envelope blocked",
				"sender address has null mx", "connections not accepted from servers without a valid sender domain",
				"fully qualified email address required", "emetteur invalide", "access denied \\(in reply to mail from",
				"sending to/from an address that has been blacklisted", "purported responsible address");
		rule(BounceReason.AUTH_FAILURE, "dmarc", "smtp authentication",
				"\\bspf\\b.{0,40}\\b(fail|check|record|validation|settings)", "sender policy framework",
				"not allowed to send (mail )?from .{0,80}spf", "spf.pobox.com",
				"\\bdkim\\b.{0,40}(fail|invalid|signature|not)", "unauthenticated (email|mail|senders)",
				"authentication (credentials invalid|failure|failed|required|turned on)", "not authenticated",
				"authentification (requise|invalide)", "verification failure", "tls required but not supported",
				"encryption (needed|required)", "multiple authentication checks failed",
				"not authorized to perform ses:sendrawemail", "account not subscribed to ses",
				"you are not authorized to send mail", "is a dead domain");
		rule(BounceReason.BAD_REPUTATION, "reputation", "poor email reputation",
				"messages from .{0,80} temporarily deferred due to", "due to user complaints", "\\[ts0[1-4]\\]",
				"unusual rate of unsolicited mail", "\\bcomplaints?\\b.{0,60}\\b(volume|deferred|excessive)");
		rule(BounceReason.REQUIRES_PTR, "\\bptr\\b", "reverse (dns|lookup|dns lookup)", "\\brdns\\b",
				"cannot find your hostname", "cannot resolve your (address|hostname)", "ip name lookup failed",
				"mismatches client ip", "forward dns entry does not point", "unresolvable relay host name",
				"dynamic ip", "generic dns", "unverifyable sending ip", "dns lookup failure: .{0,60} try again later");
		// Directories and accounts before the block lists: "not listed in Domino
		// Directory"
		// and "the recipient account is blocked" are about the recipient.
		rule(BounceReason.USER_UNKNOWN,
				"not listed in (the )?(domino directory|public (name|address)|name and address book|directory)");
		rule(BounceReason.ACCOUNT_DISABLED,
				"(recipient|destination|user|mailbox)('s)? account (is |has been )?(blocked|locked|disabled|suspended)",
				"compte du destinataire (est )?(bloque|desactive|suspendu)");
		rule(BounceReason.HAS_MOVED, "not our user", "user not local", "has been replaced by", "no forwarding address");
		// Our own sending limits and the receivers' speed limits, before "quota" reads as
		// a full mailbox: Exchange's submission quota, Gmail's "receiving mail too
		// quickly".
		rule(BounceReason.RATE_LIMITED, "frequency limit", "will be retried", "submission ?quota", "sending quota",
				"send quota", "receiving mail too quickly", "resolver\\.adr\\.recipientlimit");
		// Exchange's resolver codes (RESOLVER.ADR.*, RESOLVER.RST.*).
		rule(BounceReason.USER_UNKNOWN, "recipnotfound", "resolver\\.adr\\.badsmtpaddress");
		rule(BounceReason.MESSAGE_TOO_BIG, "resolver\\.rst\\.(recip|send)sizelimit");
		rule(BounceReason.POLICY_VIOLATION,
				"resolver\\.rst\\.(notauthorized|authrequired|deliverytoinsufficientpermission)",
				"resolver\\.adr\\.ambiguous");
		rule(BounceReason.BLOCKED, "permanently deferred", "traffic not accepted from this ip", "banned sender");
		rule(BounceReason.SYSTEM_ERROR, "service refused, please try later");
		rule(BounceReason.BLOCKED, "messages from .{0,60} weren't sent");
		rule(BounceReason.BLOCKED, "blocked using ", "relay quota", "daily relay", "client host blocked",
				"ip source bloquee", "\\b(listed|blacklisted|blocklisted) (in|at|on|by)\\b",
				"\\b(black|block) ?list(ed)?\\b", "\\bdnsbl\\b", "\\brbl\\b", "spamcop.net/bl", "spamhaus", "sorbs",
				"barracudacentral", "proofpoint.com/dnsbl", "ip address .{0,60} (is )?blocked",
				"(your|the) (ip|network|server|host|mail server) .{0,60}(is |has been )?(blocked|banned|blacklisted)",
				"not currently accepting mail from your ip", "\\bcxbl\\b", "\\bcdrbl\\b", "aup#",
				"rejecting open proxy", "your remotehost looks suspiciously like spammer", "go away",
				"access from ip address .{0,60} blocked", "is blocked by earthlink", "banned sending ip");
		rule(BounceReason.VIRUS_DETECTED, "virus", "potentially executable attachment", "malware", "malicious_url",
				"prohibited attachment", "executable files are not allowed", "has been used by recent viruses",
				"illegal attachment");
		rule(BounceReason.MAILBOX_FULL, "mailbox (is |was )?full", "full mailbox", "mailbox (has )?exceeded",
				"over (the )?(allowed )?quota", "quota (exceeded|violation|usage)",
				"exceed(s|ed|ing)? (the |its |their )?(mailbox |disk |storage )?(quota|storage|disk space)",
				"exceeded storage allocation", "(insufficient|not enough) (system )?storage",
				"does not have enough space", "(disk|mail|storage|user) quota", "mailfolder is full",
				"maildir over quota", "space has been used up", "too many messages on the server", "mailbox size limit",
				"mailbox exceeds", "exceeding receiving limits", "is over (disk )?quota",
				"boite du destinataire pleine", "too much mail data", "would exceed maximum allowed storage",
				"recipient reached disk quota", "mailbox would exceed");
		rule(BounceReason.MESSAGE_TOO_BIG, "message (file |size |length )?(is )?too (big|large)",
				"(message|mail) (size|length) exceeds", "max(imum)? message size", "size limit exceeded",
				"exceeded maximum inbound message size", "message length exceeds administrative limit",
				"message exceeds (the )?(maximum|fixed|size)", "message size exceeds", "too big for system",
				"message is larger than", "email too large");
		rule(BounceReason.RATE_LIMITED,
				"too many (recipients|connections|concurrent|smtp sessions|errors|messages|mails|emails)", "rate limit",
				"rate-limit", "rate limited", "ratelimit", "receiving mail at a rate", "try again slower",
				"sending too fast", "(exceeded|exceeds) the max emails per", "max emails per hour", "throttl",
				"connection (rate|limit)", "connection count limit", "per-domain connection limit",
				"maximum connection limit", "trop de connexions", "numerous attempts to deliver",
				"temporarily deferred due to unexpected volume", "has sent to too many recipients",
				"daily (message|sending) (quota|limit)", "sending limit", "too many recipients this hour");
		rule(BounceReason.SPAM_DETECTED, "\\bspam\\b", "spamsignature", "spam ?assassin", "unsolicited", "\\bube\\b",
				"bulk (e-?mail|mail|advertising)", "content (filter|rejected|denied)", "message content rejected",
				"mail content denied", "rejecting banned content", "message (was )?filtered", "probable spam",
				"junk mail", "spam-like", "classified as bulk", "recurrent pattern detection", "uribl",
				"unacceptable content", "rejected for policy reasons", "looks like spam",
				"score (of |is )?[0-9.]+ .{0,20}(exceed|threshold)", "content.{0,40}(not accepted|rejected)");
		rule(BounceReason.ACCOUNT_DISABLED,
				"(account|mailbox|user|recipient|address)( address)? (is |has been )?(disabled|suspended|deactivated|inactive|frozen|locked|discontinued|closed|archived)",
				"disabled (recipient|account|mailbox|user)", "(currently|temporarily) (suspended|inactive)",
				"invalid/inactive user", "is a deactivated mailbox", "recipient suspend", "user suspended",
				"account is locked", "temporary locked", "boite du destinataire archivee", "mailbox is frozen",
				"due to extended inactivity", "account has been disabled",
				"account that you tried to reach is disabled", "no longer (active|in use|available)");
		rule(BounceReason.HAS_MOVED, "has been replaced by", "has moved", "no forwarding address",
				"mailbox (owner|address) has changed", "domain owner has changed");
		rule(BounceReason.RELAYING_DENIED, "relay(ing)? (access )?(denied|not permitted|prohibited|not allowed)",
				"no relaying", "not allowed to relay", "unable to relay", "we do not relay", "insecure mail relay",
				"relay access denied", "not permitted to relay", "relaying denied",
				"isn't in my list of allowed rcpthost", "is not in my list of allowed rcpthost",
				"requires authentication when attempting to send to a non-local");
		rule(BounceReason.HOST_UNKNOWN, "host (or domain name )?(not found|unknown)", "unknown host",
				"domain (does not exist|not found|name not found|is not reachable|must exist|unknown)",
				"no such domain", "unknown domain", "unrouteable (address|mail domain)", "name or service not known",
				"(couldn't|could not|unable to) find (a|any) mail exchanger", "no (valid )?mx (record|host|for)",
				"mx (record )?(not found|lookup failed)", "null mx", "does not accept mail",
				"domain .{0,60} does not accept", "no mail exchanger",
				"mail domain mentioned in email address is unknown", "recipient domain must exist",
				"account or domain may not exist", "host unreachable", "host not found",
				"dns records for the destination", "nxdomain", "non-existent domain", "domain name not found");
		rule(BounceReason.USER_UNKNOWN, "user ?unknown",
				"unknown (user|recipient|mailbox|local ?part|e-?mail address|address)",
				"no such (user|mailbox|recipient|person|address|account)",
				"(user|mailbox|recipient|address|account|e-?mail address) (does not|doesn't|did not|dose not) exist",
				"(user|mailbox|recipient|address) not (found|exist|known|present|active|local)",
				"not a (valid|known) (user|mailbox|recipient)", "is not a (valid|known) (user|mailbox|recipient)",
				"invalid (recipient|mailbox|user|address|e-?mail)",
				"recipient (address )?rejected: (access denied|invalid|unknown|user|no such|undeliverable)",
				"address (invalid|unknown|not present|does not exist)", "5\\.1\\.0 address rejected",
				"bad (destination )?(mailbox|recipient|address)",
				"mailbox (unavailable|not available|is unavailable|invalid|inactive)", "no mailbox",
				"(account|mailbox|user) (is )?unavailable", "recipient (is )?not (accepted|valid|ok|local)",
				"non-?existent (user|recipient|address)", "unrecognized (recipient|user|address)", "badrcptto",
				"validrcptto", "unknown or illegal alias", "destination address(es)? (were|was) unknown",
				"no account by that name", "email account that you tried to reach does not exist",
				"there is no one at this address", "address no longer accepts mail", "wrong or no longer valid",
				"resolver.adr.recipientnotfound", "resolver.adr.recipient notfound", "recipientnotfound",
				"not listed in domino directory", "not listed in (the )?(public )?(name and address book|directory)",
				"utilisateur inconnu", "usuario (desconocido|no existe)", "destinatario (sconosciuto|inesistente)",
				"unbekannte?r? (empfänger|benutzer)", "not our customer", "(no|unknown) such (local )?user",
				"vdeliver: invalid or unknown virtual user", "user missing home directory", "address lookup failed",
				"can't accept user", "this user doesn't have a .{0,40} account",
				"user .{1,80} (was not found|does not exist|unknown)", "rcpt .{1,80} does not exist",
				"the following recipients? (was|were) undeliverable",
				"recipient address rejected\\.? ?\\(in reply to rcpt");
		rule(BounceReason.BLOCKED, "\\bblocked\\b", "\\bbanned\\b", "client host rejected", "connection refused",
				"not allowed to send mail from", "no access from mail server", "confirm this mail server",
				"please use the smtp server of your isp", "your server requires confirmation", "is not allowed to send",
				"refused to talk to me", "service unavailable; client", "access denied", "connection (dropped|reset)",
				"not accepting mail from");
		rule(BounceReason.POLICY_VIOLATION, "polic(y|ies)", "(host|network) not allowed", "organi[sz]ational settings",
				"members-only list", "closed mailing list", "not subscribed to this group",
				"header (error|are not accepted|size)", "messages with multiple addresses", "protocol violation",
				"mass mailer", "only accepting mail from", "refused due to recipient preferences", "notauthorized",
				"user reject", "blocked by the recipient", "this account is protected by", "is not accepting any mail",
				"refuse to receive mail", "has restricted sms e-mail", "duplicate header", "8-bit data",
				"mime (headers|complexity)", "improperly-formatted", "unnecessary base64",
				"not authorized to (send|deliver)", "delivery not authorized", "message refused",
				"administrative prohibition", "prohibited", "rejected by (the )?recipient");
		rule(BounceReason.ON_HOLD, "\\bon hold\\b");
		rule(BounceReason.EXPIRED, "envelope expired", "delivery failed \\d+ attempts", "after \\d+ attempts",
				"after multiple retries", "timed out", "time-?out", "delivery time expired", "expired after",
				"in the queue too long", "queue (period|lifetime)", "giving up on", "retry time not reached",
				"retry timeout exceeded", "has not been collected", "could not be delivered within",
				"server did not respond", "could not find a gateway", "has been in (the )?queue", "message expired",
				"not reachable within the allowed queue period", "delivery attempts will continue",
				"have not been able to deliver", "has not yet been delivered", "will (continue to )?(try|retry)",
				"warning: message .{0,60} delayed");
		rule(BounceReason.NETWORK_ERROR, "(mail )?(forwarding )?loop", "too many hops", "hop count exceeded",
				"no route to host", "network (is )?unreachable", "host is unreachable", "name server",
				"unable to resolve route", "could not connect", "connection (timed out|lost|closed)", "lost connection",
				"dns (failure|error|lookup)", "temporary failure in name resolution");
		rule(BounceReason.SYSTEM_ERROR, "system (config(uration)? )?error", "configuration error",
				"internal (server )?error", "local (error|problem)", "temporary local problem",
				"queue file write error", "can't create user output file", "interrupted system call", "misconfigured",
				"service (currently )?unavailable", "system (is )?(full|busy|not accepting)",
				"insufficient system resources", "try again later",
				"temporar(il)?y (unavailable|failure|error|problem)", "could not load drd", "no mdb",
				"encountered an error while being processed", "transaction failed", "mailer error", "mail system error",
				"command (died|failed)");
		rule(BounceReason.SYNTAX_ERROR, "syntax error", "improper sequence of commands",
				"malformed (recipient )?address", "command (not )?(recognized|unrecognized)",
				"bad sequence of commands", "command not implemented", "line too long", "not compliant with rfc",
				"rfc ?5322", "rfc ?2822", "invalid command", "parameter not (recognized|implemented)");
	}

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
		BounceReason byCode = byCode(status);
		if (reply != null && reply.matches("50[0-4]|555") && (status == null || status.endsWith(".5.0"))) {
			// RFC 5321 §4.2.2: 500-504 and 555 refuse our command or its arguments.
			byCode = BounceReason.SYNTAX_ERROR;
		}
		if (byCode == null) {
			byCode = byReply(reply);
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
		for (Rule rule : RULES) {
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

	private static BounceReason byCode(String status) {
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
	private static BounceReason byReply(String reply) {
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

	private static String normalise(String text) {
		if (text == null) {
			return "";
		}
		return text.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
	}

	private static void rule(BounceReason reason, String... phrases) {
		RULES.add(new Rule(reason, Pattern.compile(String.join("|", phrases))));
	}

	private record Rule(BounceReason reason, Pattern pattern) {
	}

}
