package com.penguinmails.shared.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.penguinmails.shared.BounceReason;

/**
 * The words of bounces and SMTP replies, per {@link BounceReason}, in the order
 * {@link com.penguinmails.shared.BounceReasons} tries them: the first rule whose pattern
 * occurs in the normalised text (white space collapsed, lower case) gives the reason. The
 * order matters: senders and authentication before recipients, directories and accounts
 * before block lists, our own sending limits before "quota" reads as a full mailbox.
 */
public final class BouncePhrases {

	/** A reason and the phrases (regular expressions, lower case) that say it. */
	public record Rule(BounceReason reason, Pattern pattern) {
	}

	/** The rules, in the order they are tried. */
	public static final List<Rule> RULES = rules();

	private BouncePhrases() {
	}

	private static List<Rule> rules() {
		List<Rule> rules = new ArrayList<>();
		aboutTheSenderAndSpecialCases(rules);
		blocksContentAndMailboxes(rules);
		relaysDomainsAndUnknownUsers(rules);
		policyDelaysAndErrors(rules);
		return List.copyOf(rules);
	}

	/**
	 * Our sender, authentication, reputation and PTR first; then the phrases that must
	 * win over the general rules below (directories, accounts, rate limits, Exchange's
	 * resolver codes).
	 */
	private static void aboutTheSenderAndSpecialCases(List<Rule> rules) {
		rule(rules, BounceReason.SENDER_REJECTED,
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
		rule(rules, BounceReason.AUTH_FAILURE, "dmarc", "smtp authentication",
				"\\bspf\\b.{0,40}\\b(fail|check|record|validation|settings)", "sender policy framework",
				"not allowed to send (mail )?from .{0,80}spf", "spf.pobox.com",
				"\\bdkim\\b.{0,40}(fail|invalid|signature|not)", "unauthenticated (email|mail|senders)",
				"authentication (credentials invalid|failure|failed|required|turned on)", "not authenticated",
				"authentification (requise|invalide)", "verification failure", "tls required but not supported",
				"encryption (needed|required)", "multiple authentication checks failed",
				"not authorized to perform ses:sendrawemail", "account not subscribed to ses",
				"you are not authorized to send mail", "is a dead domain");
		rule(rules, BounceReason.BAD_REPUTATION, "reputation", "poor email reputation",
				"messages from .{0,80} temporarily deferred due to", "due to user complaints", "\\[ts0[1-4]\\]",
				"unusual rate of unsolicited mail", "\\bcomplaints?\\b.{0,60}\\b(volume|deferred|excessive)");
		rule(rules, BounceReason.REQUIRES_PTR, "\\bptr\\b", "reverse (dns|lookup|dns lookup)", "\\brdns\\b",
				"cannot find your hostname", "cannot resolve your (address|hostname)", "ip name lookup failed",
				"mismatches client ip", "forward dns entry does not point", "unresolvable relay host name",
				"dynamic ip", "generic dns", "unverifyable sending ip", "dns lookup failure: .{0,60} try again later");
		// Directories and accounts before the block lists: "not listed in Domino
		// Directory"
		// and "the recipient account is blocked" are about the recipient.
		rule(rules, BounceReason.USER_UNKNOWN,
				"not listed in (the )?(domino directory|public (name|address)|name and address book|directory)");
		rule(rules, BounceReason.ACCOUNT_DISABLED,
				"(recipient|destination|user|mailbox)('s)? account (is |has been )?(blocked|locked|disabled|suspended)",
				"compte du destinataire (est )?(bloque|desactive|suspendu)");
		rule(rules, BounceReason.HAS_MOVED, "not our user", "user not local", "has been replaced by",
				"no forwarding address");
		// Our own sending limits and the receivers' speed limits, before "quota" reads as
		// a full mailbox: Exchange's submission quota, Gmail's "receiving mail too
		// quickly".
		rule(rules, BounceReason.RATE_LIMITED, "frequency limit", "will be retried", "submission ?quota",
				"sending quota", "send quota", "receiving mail too quickly", "resolver\\.adr\\.recipientlimit");
		// Exchange's resolver codes (RESOLVER.ADR.*, RESOLVER.RST.*).
		rule(rules, BounceReason.USER_UNKNOWN, "recipnotfound", "resolver\\.adr\\.badsmtpaddress");
		rule(rules, BounceReason.MESSAGE_TOO_BIG, "resolver\\.rst\\.(recip|send)sizelimit");
		rule(rules, BounceReason.POLICY_VIOLATION,
				"resolver\\.rst\\.(notauthorized|authrequired|deliverytoinsufficientpermission)",
				"resolver\\.adr\\.ambiguous");
		rule(rules, BounceReason.BLOCKED, "permanently deferred", "traffic not accepted from this ip", "banned sender");
		rule(rules, BounceReason.SYSTEM_ERROR, "service refused, please try later");
		rule(rules, BounceReason.BLOCKED, "messages from .{0,60} weren't sent");
	}

	/**
	 * Block lists, viruses, full mailboxes, sizes, rate limits, spam, disabled accounts,
	 * moves.
	 */
	private static void blocksContentAndMailboxes(List<Rule> rules) {
		rule(rules, BounceReason.BLOCKED, "blocked using ", "relay quota", "daily relay", "client host blocked",
				"ip source bloquee", "\\b(listed|blacklisted|blocklisted) (in|at|on|by)\\b",
				"\\b(black|block) ?list(ed)?\\b", "\\bdnsbl\\b", "\\brbl\\b", "spamcop.net/bl", "spamhaus", "sorbs",
				"barracudacentral", "proofpoint.com/dnsbl", "ip address .{0,60} (is )?blocked",
				"(your|the) (ip|network|server|host|mail server) .{0,60}(is |has been )?(blocked|banned|blacklisted)",
				"not currently accepting mail from your ip", "\\bcxbl\\b", "\\bcdrbl\\b", "aup#",
				"rejecting open proxy", "your remotehost looks suspiciously like spammer", "go away",
				"access from ip address .{0,60} blocked", "is blocked by earthlink", "banned sending ip");
		rule(rules, BounceReason.VIRUS_DETECTED, "virus", "potentially executable attachment", "malware",
				"malicious_url", "prohibited attachment", "executable files are not allowed",
				"has been used by recent viruses", "illegal attachment");
		rule(rules, BounceReason.MAILBOX_FULL, "mailbox (is |was )?full", "full mailbox", "mailbox (has )?exceeded",
				"over (the )?(allowed )?quota", "quota (exceeded|violation|usage)",
				"exceed(s|ed|ing)? (the |its |their )?(mailbox |disk |storage )?(quota|storage|disk space)",
				"exceeded storage allocation", "(insufficient|not enough) (system )?storage",
				"does not have enough space", "(disk|mail|storage|user) quota", "mailfolder is full",
				"maildir over quota", "space has been used up", "too many messages on the server", "mailbox size limit",
				"mailbox exceeds", "exceeding receiving limits", "is over (disk )?quota",
				"boite du destinataire pleine", "too much mail data", "would exceed maximum allowed storage",
				"recipient reached disk quota", "mailbox would exceed");
		rule(rules, BounceReason.MESSAGE_TOO_BIG, "message (file |size |length )?(is )?too (big|large)",
				"(message|mail) (size|length) exceeds", "max(imum)? message size", "size limit exceeded",
				"exceeded maximum inbound message size", "message length exceeds administrative limit",
				"message exceeds (the )?(maximum|fixed|size)", "message size exceeds", "too big for system",
				"message is larger than", "email too large");
		rule(rules, BounceReason.RATE_LIMITED,
				"too many (recipients|connections|concurrent|smtp sessions|errors|messages|mails|emails)", "rate limit",
				"rate-limit", "rate limited", "ratelimit", "receiving mail at a rate", "try again slower",
				"sending too fast", "(exceeded|exceeds) the max emails per", "max emails per hour", "throttl",
				"connection (rate|limit)", "connection count limit", "per-domain connection limit",
				"maximum connection limit", "trop de connexions", "numerous attempts to deliver",
				"temporarily deferred due to unexpected volume", "has sent to too many recipients",
				"daily (message|sending) (quota|limit)", "sending limit", "too many recipients this hour");
		rule(rules, BounceReason.SPAM_DETECTED, "\\bspam\\b", "spamsignature", "spam ?assassin", "unsolicited",
				"\\bube\\b", "bulk (e-?mail|mail|advertising)", "content (filter|rejected|denied)",
				"message content rejected", "mail content denied", "rejecting banned content",
				"message (was )?filtered", "probable spam", "junk mail", "spam-like", "classified as bulk",
				"recurrent pattern detection", "uribl", "unacceptable content", "rejected for policy reasons",
				"looks like spam", "score (of |is )?[0-9.]+ .{0,20}(exceed|threshold)",
				"content.{0,40}(not accepted|rejected)");
		rule(rules, BounceReason.ACCOUNT_DISABLED,
				"(account|mailbox|user|recipient|address)( address)? (is |has been )?(disabled|suspended|deactivated|inactive|frozen|locked|discontinued|closed|archived)",
				"disabled (recipient|account|mailbox|user)", "(currently|temporarily) (suspended|inactive)",
				"invalid/inactive user", "is a deactivated mailbox", "recipient suspend", "user suspended",
				"account is locked", "temporary locked", "boite du destinataire archivee", "mailbox is frozen",
				"due to extended inactivity", "account has been disabled",
				"account that you tried to reach is disabled", "no longer (active|in use|available)");
		rule(rules, BounceReason.HAS_MOVED, "has been replaced by", "has moved", "no forwarding address",
				"mailbox (owner|address) has changed", "domain owner has changed");
	}

	/**
	 * Relaying, unknown hosts and domains, unknown users, then any other block.
	 */
	private static void relaysDomainsAndUnknownUsers(List<Rule> rules) {
		rule(rules, BounceReason.RELAYING_DENIED, "relay(ing)? (access )?(denied|not permitted|prohibited|not allowed)",
				"no relaying", "not allowed to relay", "unable to relay", "we do not relay", "insecure mail relay",
				"relay access denied", "not permitted to relay", "relaying denied",
				"isn't in my list of allowed rcpthost", "is not in my list of allowed rcpthost",
				"requires authentication when attempting to send to a non-local");
		rule(rules, BounceReason.HOST_UNKNOWN, "host (or domain name )?(not found|unknown)", "unknown host",
				"domain (does not exist|not found|name not found|is not reachable|must exist|unknown)",
				"no such domain", "unknown domain", "unrouteable (address|mail domain)", "name or service not known",
				"(couldn't|could not|unable to) find (a|any) mail exchanger", "no (valid )?mx (record|host|for)",
				"mx (record )?(not found|lookup failed)", "null mx", "does not accept mail",
				"domain .{0,60} does not accept", "no mail exchanger",
				"mail domain mentioned in email address is unknown", "recipient domain must exist",
				"account or domain may not exist", "host unreachable", "host not found",
				"dns records for the destination", "nxdomain", "non-existent domain", "domain name not found");
		rule(rules, BounceReason.USER_UNKNOWN, "user ?unknown",
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
		rule(rules, BounceReason.BLOCKED, "\\bblocked\\b", "\\bbanned\\b", "client host rejected", "connection refused",
				"not allowed to send mail from", "no access from mail server", "confirm this mail server",
				"please use the smtp server of your isp", "your server requires confirmation", "is not allowed to send",
				"refused to talk to me", "service unavailable; client", "access denied", "connection (dropped|reset)",
				"not accepting mail from");
	}

	/**
	 * Policies, holds, expiry, network, system and syntax errors: the last to try.
	 */
	private static void policyDelaysAndErrors(List<Rule> rules) {
		rule(rules, BounceReason.POLICY_VIOLATION, "polic(y|ies)", "(host|network) not allowed",
				"organi[sz]ational settings", "members-only list", "closed mailing list",
				"not subscribed to this group", "header (error|are not accepted|size)",
				"messages with multiple addresses", "protocol violation", "mass mailer", "only accepting mail from",
				"refused due to recipient preferences", "notauthorized", "user reject", "blocked by the recipient",
				"this account is protected by", "is not accepting any mail", "refuse to receive mail",
				"has restricted sms e-mail", "duplicate header", "8-bit data", "mime (headers|complexity)",
				"improperly-formatted", "unnecessary base64", "not authorized to (send|deliver)",
				"delivery not authorized", "message refused", "administrative prohibition", "prohibited",
				"rejected by (the )?recipient");
		rule(rules, BounceReason.ON_HOLD, "\\bon hold\\b");
		rule(rules, BounceReason.EXPIRED, "envelope expired", "delivery failed \\d+ attempts", "after \\d+ attempts",
				"after multiple retries", "timed out", "time-?out", "delivery time expired", "expired after",
				"in the queue too long", "queue (period|lifetime)", "giving up on", "retry time not reached",
				"retry timeout exceeded", "has not been collected", "could not be delivered within",
				"server did not respond", "could not find a gateway", "has been in (the )?queue", "message expired",
				"not reachable within the allowed queue period", "delivery attempts will continue",
				"have not been able to deliver", "has not yet been delivered", "will (continue to )?(try|retry)",
				"warning: message .{0,60} delayed");
		rule(rules, BounceReason.NETWORK_ERROR, "(mail )?(forwarding )?loop", "too many hops", "hop count exceeded",
				"no route to host", "network (is )?unreachable", "host is unreachable", "name server",
				"unable to resolve route", "could not connect", "connection (timed out|lost|closed)", "lost connection",
				"dns (failure|error|lookup)", "temporary failure in name resolution");
		rule(rules, BounceReason.SYSTEM_ERROR, "system (config(uration)? )?error", "configuration error",
				"internal (server )?error", "local (error|problem)", "temporary local problem",
				"queue file write error", "can't create user output file", "interrupted system call", "misconfigured",
				"service (currently )?unavailable", "system (is )?(full|busy|not accepting)",
				"insufficient system resources", "try again later",
				"temporar(il)?y (unavailable|failure|error|problem)", "could not load drd", "no mdb",
				"encountered an error while being processed", "transaction failed", "mailer error", "mail system error",
				"command (died|failed)");
		rule(rules, BounceReason.SYNTAX_ERROR, "syntax error", "improper sequence of commands",
				"malformed (recipient )?address", "command (not )?(recognized|unrecognized)",
				"bad sequence of commands", "command not implemented", "line too long", "not compliant with rfc",
				"rfc ?5322", "rfc ?2822", "invalid command", "parameter not (recognized|implemented)");
	}

	private static void rule(List<Rule> rules, BounceReason reason, String... phrases) {
		rules.add(new Rule(reason, Pattern.compile(String.join("|", phrases))));
	}

}
