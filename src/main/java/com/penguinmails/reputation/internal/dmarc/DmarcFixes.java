package com.penguinmails.reputation.internal.dmarc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.penguinmails.reputation.DmarcDomainView.Fix;
import com.penguinmails.reputation.DmarcDomainView.Source;
import com.penguinmails.reputation.DmarcDomainView.SourceKind;

/**
 * The failures to fix, source by source: which check failed (DMARC's aligned DKIM or SPF,
 * RFC 7489 §3.1) and what to change, read from the raw authentication results the reports
 * carry. Forwarders get none: forwarding breaks SPF, and DKIM carries them.
 */
final class DmarcFixes {

	/** Unknown sources listed, at most. */
	static final int MAX_OTHERS = 10;

	private DmarcFixes() {
	}

	static List<Fix> of(String domain, List<DmarcStore.Source> window, List<Source> sources) {
		List<Fix> fixes = new ArrayList<>();
		int others = 0;
		for (Source source : sources) {
			long dmarcFailed = source.messages() - source.passed();
			if (source.kind() == SourceKind.OURS) {
				Set<String> dkim = tokens(window, source.ip(), true);
				Set<String> spf = tokens(window, source.ip(), false);
				String envelope = window.stream()
					.filter(r -> r.ip().equals(source.ip()) && r.envelopeFrom() != null)
					.map(DmarcStore.Source::envelopeFrom)
					.findFirst()
					.orElse(null);
				if (source.dkimAligned() < source.messages()) {
					fixes.add(new Fix(source.ip(), source.reverseName(), source.kind(), "DKIM",
							source.messages() - source.dkimAligned(), dmarcFailed > 0, dkimAdvice(domain, dkim)));
				}
				if (source.spfAligned() < source.messages()) {
					fixes.add(new Fix(source.ip(), source.reverseName(), source.kind(), "SPF",
							source.messages() - source.spfAligned(), dmarcFailed > 0,
							spfAdvice(domain, source.ip(), envelope, spf)));
				}
			}
			else if (source.kind() == SourceKind.OTHER && dmarcFailed > 0 && others < MAX_OTHERS) {
				others++;
				fixes.add(new Fix(source.ip(), source.reverseName(), source.kind(), "DKIM", dmarcFailed, true,
						"Not one of our servers. If it is a service you use"
								+ (source.reverseName() == null ? "" : " (" + source.reverseName() + ")")
								+ ", set it up to sign with DKIM for " + domain
								+ " and add it to the SPF record; if not, someone else sends as " + domain
								+ " and a stricter policy stops it."));
			}
		}
		fixes.sort(Comparator.comparing((Fix f) -> !f.dmarcFailed())
			.thenComparing(f -> f.kind() != SourceKind.OURS)
			.thenComparing(Comparator.comparingLong(Fix::messages).reversed()));
		return fixes;
	}

	/** The raw results of the source, {@code domain=result} each. */
	private static Set<String> tokens(List<DmarcStore.Source> window, String ip, boolean dkim) {
		Set<String> tokens = new LinkedHashSet<>();
		for (DmarcStore.Source row : window) {
			String results = dkim ? row.dkimResults() : row.spfResults();
			if (row.ip().equals(ip) && results != null && !results.isBlank()) {
				tokens.addAll(List.of(results.strip().split("\\s+")));
			}
		}
		return tokens;
	}

	private static String dkimAdvice(String domain, Set<String> results) {
		if (results.isEmpty()) {
			return "Mail from this server carries no DKIM signature: sign it with " + domain
					+ "'s DKIM key (published under Domains).";
		}
		for (String token : results) {
			String[] parts = token.split("=", 2);
			if (parts.length == 2 && "pass".equals(parts[1]) && !aligned(domain, parts[0])) {
				return "Signed with d=" + parts[0] + ", which is not aligned with " + domain + ": sign with " + domain
						+ "'s own DKIM key.";
			}
		}
		return "DKIM fails (" + String.join(", ", results) + "): check that the published DKIM key of " + domain
				+ " matches the key the server signs with.";
	}

	private static String spfAdvice(String domain, String ip, String envelopeFrom, Set<String> results) {
		if (envelopeFrom != null && !aligned(domain, envelopeFrom)) {
			return "The envelope sender (Return-Path) is at " + envelopeFrom + ", not " + domain
					+ ": SPF cannot align; use a Return-Path at " + domain + ", or rely on DKIM.";
		}
		String mechanism = ip.contains(":") ? "ip6:" : "ip4:";
		return "SPF " + (results.isEmpty() ? "found no record" : "says " + String.join(", ", results)) + " for " + ip
				+ ": add " + mechanism + ip + " (or your provider's include:) to " + domain + "'s SPF record.";
	}

	/** Relaxed alignment (RFC 7489 §3.1): the same domain, or one under the other. */
	static boolean aligned(String domain, String other) {
		String a = domain.toLowerCase(Locale.ROOT);
		String b = other.toLowerCase(Locale.ROOT);
		return a.equals(b) || a.endsWith("." + b) || b.endsWith("." + a);
	}

}
