package com.penguinmails.reputation.internal.timeline;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.penguinmails.shared.BounceReason;
import com.penguinmails.shared.InvalidInputProblem;

/** Subjects and figure names as the pages, the API and the URLs write them. */
public final class Subjects {

	// The figures the score reads most first (a wide table shows them before it scrolls).
	private static final List<String> ORDER = List.of(DailyFigure.SENT, DailyFigure.BOUNCED_PREFIX,
			DailyFigure.COMPLAINTS, DailyFigure.DMARC_PASS_RATE, DailyFigure.BLOCKLIST_LISTINGS,
			DailyFigure.WARMUP_HEALTH, DailyFigure.DELIVERED, DailyFigure.DMARC_MESSAGES, DailyFigure.WARMUP_INBOX_RATE,
			DailyFigure.POSTMASTER_DOMAIN_REPUTATION, DailyFigure.POSTMASTER_IP_REPUTATION,
			DailyFigure.POSTMASTER_SPAM_RATE, DailyFigure.SNDS_COLOUR, DailyFigure.SNDS_COMPLAINT_RATE,
			DailyFigure.SNDS_TRAP_HITS, DailyFigure.THROTTLE_DECISIONS);

	private static final Map<String, String> LABELS = Map.ofEntries(Map.entry(DailyFigure.SENT, "Sent"),
			Map.entry(DailyFigure.DELIVERED, "Delivered"), Map.entry(DailyFigure.COMPLAINTS, "Complaints"),
			Map.entry(DailyFigure.WARMUP_HEALTH, "Warmup health"),
			Map.entry(DailyFigure.WARMUP_INBOX_RATE, "Warmup inbox rate"),
			Map.entry(DailyFigure.BLOCKLIST_LISTINGS, "Blocklist listings"),
			Map.entry(DailyFigure.DMARC_MESSAGES, "DMARC messages"),
			Map.entry(DailyFigure.DMARC_PASS_RATE, "DMARC pass rate"),
			Map.entry(DailyFigure.POSTMASTER_DOMAIN_REPUTATION, "Postmaster domain reputation"),
			Map.entry(DailyFigure.POSTMASTER_IP_REPUTATION, "Postmaster IP reputation"),
			Map.entry(DailyFigure.POSTMASTER_SPAM_RATE, "Postmaster spam rate"),
			Map.entry(DailyFigure.SNDS_COLOUR, "SNDS colour"),
			Map.entry(DailyFigure.SNDS_COMPLAINT_RATE, "SNDS complaint rate"),
			Map.entry(DailyFigure.SNDS_TRAP_HITS, "SNDS trap hits"),
			Map.entry(DailyFigure.THROTTLE_DECISIONS, "Throttling decisions"));

	/**
	 * Figure names, the score's main ones first: sent, bounces by reason, complaints,
	 * DMARC pass rate, blocklist listings, warmup health, then delivered, DMARC messages,
	 * warmup inbox rate, Postmaster, SNDS, throttling; then any other name
	 * alphabetically.
	 */
	public static final Comparator<String> FIGURE_ORDER = Comparator.comparingInt(Subjects::rank)
		.thenComparing(Comparator.naturalOrder());

	private Subjects() {
	}

	private static int rank(String name) {
		int at = ORDER.indexOf(name.startsWith(DailyFigure.BOUNCED_PREFIX) ? DailyFigure.BOUNCED_PREFIX : name);
		return at < 0 ? ORDER.size() : at;
	}

	/**
	 * A figure's name in words: "Bounced: user unknown", "DMARC pass rate", or the name.
	 */
	public static String label(String name) {
		if (name.startsWith(DailyFigure.BOUNCED_PREFIX)) {
			String key = name.substring(DailyFigure.BOUNCED_PREFIX.length());
			for (BounceReason reason : BounceReason.values()) {
				if (reason.key().equals(key)) {
					return "Bounced: " + reason.label();
				}
			}
			return "Bounced: " + key.replace('_', ' ');
		}
		return LABELS.getOrDefault(name, name.replace('_', ' '));
	}

	/** Whether the figure is a rate between 0 and 1 (shown as a percentage). */
	public static boolean isRate(String name) {
		return name.endsWith("_rate");
	}

	/**
	 * The subject written in a URL.
	 * @throws InvalidInputProblem for a kind other than domain, ip, mailbox or a key that
	 * is not a domain name, an IP address (no name is looked up) or a mailbox id
	 */
	public static Subject parse(String kind, String key) {
		String k = key == null ? "" : key.strip();
		switch (kind == null ? "" : kind.toLowerCase(Locale.ROOT)) {
			case "domain" -> {
				String name = k.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
				if (name.length() > 253 || !name.matches("([a-z0-9_]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}")) {
					throw new InvalidInputProblem("invalid-subject", "Give a domain name, e.g. example.com.");
				}
				return Subject.domain(name);
			}
			case "ip" -> {
				boolean v4 = k.matches("(\\d{1,3}\\.){3}\\d{1,3}");
				boolean v6 = k.length() <= 45 && k.contains(":") && k.matches("[0-9A-Fa-f:.]+");
				if (!v4 && !v6) {
					throw new InvalidInputProblem("invalid-subject", "Give an IPv4 or IPv6 address.");
				}
				try {
					// Literal addresses only (checked above): nothing is looked up.
					return Subject.ip(InetAddress.getByName(k).getHostAddress());
				}
				catch (UnknownHostException ex) {
					throw new InvalidInputProblem("invalid-subject", "Give an IPv4 or IPv6 address.");
				}
			}
			case "mailbox" -> {
				try {
					return Subject.mailbox(UUID.fromString(k));
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidInputProblem("invalid-subject", "Give the mailbox's id.");
				}
			}
			default -> throw new InvalidInputProblem("invalid-subject", "The kind is domain, ip or mailbox.");
		}
	}

	/** The page of a subject's timeline. */
	public static String path(Subject subject) {
		return "/reputation/" + subject.kind().value() + "/" + subject.key();
	}

}
