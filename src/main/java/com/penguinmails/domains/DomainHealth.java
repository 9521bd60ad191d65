package com.penguinmails.domains;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A domain's health, 0 to 100, from its last verification: SPF 25, DKIM 25, DMARC up to
 * 20 by policy strength (none 10, quarantine 15, reject 20), MX 10 (full when it does not
 * receive mail), and up to 20 for how recent the last good verification is (a day: 20, a
 * week: 10), and blocklists 20 once some list answered (clean 20, listed anywhere 0).
 */
public record DomainHealth(int score, Map<String, Integer> breakdown, Map<String, Integer> maximum) {

	static DomainHealth of(Domain domain, List<RecordCheck> last, List<BlocklistResult> listings, Instant now) {
		Map<String, Integer> parts = new LinkedHashMap<>();
		Map<String, Integer> max = new LinkedHashMap<>();
		put(parts, max, "spf", ok(last, "spf") ? 25 : 0, 25);
		put(parts, max, "dkim", ok(last, "dkim") ? 25 : 0, 25);
		put(parts, max, "dmarc", dmarc(last), 20);
		if (domain.receivesMail()) {
			put(parts, max, "mx", ok(last, "mx") ? 10 : 0, 10);
		}
		int freshness = 0;
		if (domain.lastVerifiedAt() != null) {
			Duration age = Duration.between(domain.lastVerifiedAt(), now);
			freshness = age.compareTo(Duration.ofDays(1)) <= 0 ? 20 : age.compareTo(Duration.ofDays(7)) <= 0 ? 10 : 0;
		}
		put(parts, max, "recent_verification", freshness, 20);
		// Blocklists count once a list answered: clean 20, listed anywhere 0 (unknown
		// answers are ignored, so answers that are all unknown give no blocklist part).
		if (listings.stream().anyMatch(r -> r.listed() || "clean".equals(r.status()))) {
			put(parts, max, "blocklists", listings.stream().anyMatch(BlocklistResult::listed) ? 0 : 20, 20);
		}
		int earned = parts.values().stream().mapToInt(Integer::intValue).sum();
		int possible = max.values().stream().mapToInt(Integer::intValue).sum();
		return new DomainHealth((int) Math.round(100.0 * earned / possible), parts, max);
	}

	/**
	 * A part of the score as people name it.
	 * @param part a key of {@link #breakdown()}: spf, dkim, dmarc, mx,
	 * recent_verification or blocklists
	 * @return its name for a page
	 */
	public static String partLabel(String part) {
		return switch (part) {
			case "recent_verification" -> "checked recently";
			case "blocklists" -> "not blocklisted";
			default -> RecordCheck.purposeLabel(part);
		};
	}

	private static void put(Map<String, Integer> parts, Map<String, Integer> max, String name, int value, int maximum) {
		parts.put(name, value);
		max.put(name, maximum);
	}

	private static boolean ok(List<RecordCheck> checks, String purpose) {
		return checks.stream().anyMatch(c -> c.purpose().equals(purpose) && c.ok());
	}

	private static int dmarc(List<RecordCheck> checks) {
		return checks.stream()
			.filter(c -> c.purpose().equals("dmarc") && c.ok() && !c.observed().isEmpty())
			.map(c -> c.observed().get(0).replaceAll("\\s", "").toLowerCase(Locale.ROOT))
			.map(v -> v.contains(";p=reject") ? 20 : v.contains(";p=quarantine") ? 15 : 10)
			.findFirst()
			.orElse(0);
	}

}
