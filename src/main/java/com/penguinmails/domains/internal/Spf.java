package com.penguinmails.domains.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.xbill.DNS.Type;

/**
 * SPF (RFC 7208) as far as setting it up needs: merging our mechanisms into the record a
 * domain already has (one record, never two), and counting the DNS look-ups a check of it
 * costs.
 */
final class Spf {

	/**
	 * RFC 7208 §4.6.4: more than 10 look-ups is a permanent error, and the receiver fails
	 * SPF.
	 */
	static final int LOOKUP_LIMIT = 10;

	private Spf() {
	}

	static boolean isSpf(String txt) {
		return txt.strip().toLowerCase(Locale.ROOT).startsWith("v=spf1")
				&& (txt.strip().length() == 6 || Character.isWhitespace(txt.strip().charAt(6)));
	}

	static List<String> terms(String record) {
		List<String> terms = new ArrayList<>(List.of(record.strip().split("\\s+")));
		terms.remove(0);
		return terms;
	}

	/**
	 * The one SPF record to publish: the existing records' terms (all of them, when there
	 * are wrongly two) plus {@code mechanisms}, with the existing {@code all} qualifier
	 * kept (or {@code ~all}) at the end.
	 */
	static String merge(List<String> existing, List<String> mechanisms) {
		Set<String> terms = new LinkedHashSet<>();
		String all = null;
		String redirect = null;
		for (String record : existing) {
			for (String term : terms(record)) {
				String lower = term.toLowerCase(Locale.ROOT);
				if (lower.matches("[+~?-]?all")) {
					all = all == null ? term : all;
				}
				else if (lower.startsWith("redirect=")) {
					redirect = term;
				}
				else {
					terms.add(term);
				}
			}
		}
		for (String mechanism : mechanisms) {
			boolean present = terms.stream().anyMatch(t -> t.equalsIgnoreCase(mechanism));
			if (!present) {
				terms.add(mechanism);
			}
		}
		StringBuilder record = new StringBuilder("v=spf1");
		terms.forEach(t -> record.append(' ').append(t));
		if (all != null || redirect == null) {
			record.append(' ').append(all == null ? "~all" : all);
		}
		else {
			// RFC 7208 §6.1: redirect applies only when there is no "all".
			record.append(' ').append(redirect);
		}
		return record.toString();
	}

	/** Mechanisms that cost a DNS look-up when checked (RFC 7208 §4.6.4). */
	static boolean costsLookup(String term) {
		String t = term.toLowerCase(Locale.ROOT).replaceFirst("^[+~?-]", "");
		return t.startsWith("include:") || t.equals("a") || t.startsWith("a:") || t.startsWith("a/") || t.equals("mx")
				|| t.startsWith("mx:") || t.startsWith("mx/") || t.startsWith("ptr") || t.startsWith("exists:")
				|| t.startsWith("redirect=");
	}

	/**
	 * Counts the look-ups a receiver spends on {@code record}, following includes and
	 * redirects through DNS. Unresolvable includes count once. Stops past the limit.
	 */
	static int lookups(String record, DnsClient dns) {
		return lookups(record, dns, 0);
	}

	private static int lookups(String record, DnsClient dns, int depth) {
		int count = 0;
		for (String term : terms(record)) {
			if (!costsLookup(term)) {
				continue;
			}
			count++;
			String t = term.toLowerCase(Locale.ROOT).replaceFirst("^[+~?-]", "");
			String target = t.startsWith("include:") ? t.substring(8)
					: t.startsWith("redirect=") ? t.substring(9) : null;
			if (target != null && depth < 10 && count <= LOOKUP_LIMIT) {
				List<String> nested = dns.query(target, Type.TXT).txt().stream().filter(Spf::isSpf).toList();
				if (nested.size() == 1) {
					count += lookups(nested.get(0), dns, depth + 1);
				}
			}
			if (count > LOOKUP_LIMIT) {
				return count;
			}
		}
		return count;
	}

}
