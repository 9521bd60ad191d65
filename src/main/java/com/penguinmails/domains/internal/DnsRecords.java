package com.penguinmails.domains.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import org.springframework.stereotype.Component;

import com.penguinmails.domains.DmarcAlignment;
import com.penguinmails.domains.Domain;
import com.penguinmails.domains.RecordCheck;
import com.penguinmails.domains.internal.DnsClient.Answer;
import com.penguinmails.domains.internal.DomainRepository.DkimKey;
import com.penguinmails.shared.PenguinMailsProperties;

/**
 * The records a domain needs (SPF, DKIM, DMARC, MX when it receives mail, the tracking
 * CNAME and the ownership token), and the check of each against DNS: ok, missing, wrong
 * (with what is there and a hint for the usual mistakes) or unknown when DNS did not
 * answer.
 */
@Component
class DnsRecords {

	static final String OWNERSHIP_PREFIX = "_penguinmails.";

	static final String OWNERSHIP_VALUE = "penguinmails-verification=";

	static final String TRACKING_LABEL = "track.";

	static final String DMARC_PATH = "Start at p=none and read the aggregate reports for two weeks (Reputation, DMARC reports "
			+ "says when it is safe to move on, with its evidence); then p=quarantine; then p=reject once only your own "
			+ "senders appear.";

	private final DnsClient dns;

	private final DomainsProperties properties;

	private final String trackingTarget;

	DnsRecords(DnsClient dns, DomainsProperties properties, PenguinMailsProperties app) {
		this.dns = dns;
		this.properties = properties;
		this.trackingTarget = properties.trackingTarget() == null || properties.trackingTarget().isBlank()
				? URI.create(app.baseUrl().toString()).getHost() : properties.trackingTarget().strip();
	}

	/** Which records make a domain verified; the others are recommended. */
	static boolean required(String purpose) {
		return switch (purpose) {
			case "spf", "dkim", "dmarc", "mx" -> true;
			default -> false;
		};
	}

	List<RecordCheck> check(Domain domain, List<DkimKey> keys, String ownershipToken) {
		List<RecordCheck> checks = new ArrayList<>();
		checks.add(spf(domain));
		for (DkimKey key : keys) {
			String purpose = switch (key.status()) {
				case PENDING -> "dkim-next";
				case RETIRING -> "dkim-previous";
				default -> "dkim";
			};
			checks.add(dkim(purpose, domain, key));
		}
		checks.add(dmarc(domain));
		if (domain.receivesMail() && !domain.mxHosts().isBlank()) {
			checks.add(mx(domain));
		}
		checks.add(tracking(domain));
		checks.add(ownership(domain, ownershipToken));
		return checks;
	}

	private RecordCheck spf(Domain domain) {
		Answer answer = dns.query(domain.name(), Type.TXT);
		List<String> mechanisms = mechanisms(domain.spfMechanisms());
		if (answer.status() == Answer.Status.TIMEOUT) {
			return unknown("spf", "TXT", domain.name(), Spf.merge(List.of(), mechanisms));
		}
		List<String> existing = answer.txt().stream().filter(Spf::isSpf).toList();
		String expected = Spf.merge(existing, mechanisms);
		List<String> hints = new ArrayList<>();
		int lookups = Spf.lookups(expected, dns);
		if (lookups > Spf.LOOKUP_LIMIT) {
			hints.add("This SPF record needs " + lookups + " DNS look-ups; receivers allow " + Spf.LOOKUP_LIMIT
					+ " (RFC 7208 §4.6.4) and fail SPF beyond. Remove includes you no longer use, or flatten them into ip4:/ip6: ranges.");
		}
		if (existing.isEmpty()) {
			return new RecordCheck("spf", "TXT", domain.name(), expected, "missing", answer.txt(), hints);
		}
		if (existing.size() > 1) {
			hints.add(0,
					"There are " + existing.size()
							+ " SPF records: receivers then fail SPF (RFC 7208 §3.2, permerror). "
							+ "Delete them all and publish the single merged record above.");
			return new RecordCheck("spf", "TXT", domain.name(), expected, "wrong", existing, hints);
		}
		String current = existing.get(0);
		List<String> missing = mechanisms.stream()
			.filter(m -> Spf.terms(current).stream().noneMatch(t -> t.equalsIgnoreCase(m)))
			.toList();
		String all = Spf.terms(current)
			.stream()
			.filter(t -> t.toLowerCase(Locale.ROOT).matches("[+~?-]?all"))
			.findFirst()
			.orElse("");
		if (all.equals("+all") || all.equals("all")) {
			hints.add("\"" + all + "\" lets anyone send as this domain: use ~all (soft fail) or -all (fail).");
		}
		if (all.equals("?all")) {
			hints.add("\"?all\" is neutral: receivers learn nothing. Use ~all while setting up, then -all.");
		}
		if (all.equals("~all")) {
			hints.add("~all soft-fails unknown senders; once every sender is listed, -all is stricter. Both verify.");
		}
		boolean ok = missing.isEmpty() && lookups <= Spf.LOOKUP_LIMIT && !all.equals("+all") && !all.equals("all");
		if (!missing.isEmpty()) {
			hints.add(0, "Add " + String.join(" ", missing) + " to the existing record (do not publish a second one).");
		}
		return new RecordCheck("spf", "TXT", domain.name(), expected, ok ? "ok" : "wrong", existing, hints);
	}

	private RecordCheck dkim(String purpose, Domain domain, DkimKey key) {
		String host = key.selector() + "._domainkey." + domain.name();
		String expected = DkimKeys.txtValue(key.publicKey());
		Answer answer = dns.query(host, Type.TXT);
		if (answer.status() == Answer.Status.TIMEOUT) {
			return unknown(purpose, "TXT", host, expected);
		}
		List<String> observed = answer.txt();
		List<String> hints = new ArrayList<>();
		if (observed.isEmpty()) {
			doubled(host, Type.TXT, hints);
			return new RecordCheck(purpose, "TXT", host, expected, "missing", observed, hints);
		}
		String wanted = expected.replaceAll("\\s", "");
		for (String value : observed) {
			if (value.replaceAll("\\s", "").equals(wanted)) {
				return new RecordCheck(purpose, "TXT", host, expected, "ok", observed, List.of());
			}
		}
		if (observed.size() > 1 && splitAcrossRecords(observed, wanted)) {
			// RFC 6376 §3.6.2.2: one TXT record, whose strings are joined; separate
			// records are separate keys, each of them broken.
			hints.add("The key is split across " + observed.size() + " separate TXT records: receivers read one "
					+ "record, never several together. Publish ONE TXT record holding the parts as several strings "
					+ "(\"part 1\" \"part 2\" in one value, as in the zone snippet), or the whole value in one field "
					+ "if your provider splits long values itself.");
			return new RecordCheck(purpose, "TXT", host, expected, "wrong", observed, hints);
		}
		hints.addAll(wrongKeyHints(observed, wanted, key.publicKey()));
		return new RecordCheck(purpose, "TXT", host, expected, "wrong", observed, hints);
	}

	/**
	 * Why each published value is not the key: quote marks pasted in, a key cut short at
	 * 255 characters, or another key.
	 */
	private static List<String> wrongKeyHints(List<String> observed, String wanted, String publicKey) {
		List<String> hints = new ArrayList<>();
		for (String value : observed) {
			String compact = value.replaceAll("\\s", "");
			String p = DmarcAlignment.tag(compact, "p");
			if (compact.contains("\"") || compact.contains("\\")) {
				if (unquoted(compact).equals(wanted) && compact.replace("\\", "").contains("\"\"")) {
					hints.add("A record split in quoted parts was pasted as ONE string, quotes included (\"v=DKIM1; "
							+ "... p=MIIB...\" \"...\"): the quote marks and the gap between the parts are now in "
							+ "the key. Paste the value without any quote marks (your provider splits it), or enter "
							+ "each part as its own string if the provider offers that.");
				}
				else {
					hints.add("The value contains quote marks or backslashes: paste it without the surrounding "
							+ "quotes (your DNS provider adds them).");
				}
			}
			else if (p != null && !p.isEmpty() && publicKey.startsWith(p)) {
				hints.add("The key is cut short (" + p.length() + " of " + publicKey.length()
						+ " characters): some providers stop at 255 characters. Paste the whole value, or the split "
						+ "strings from the zone snippet.");
			}
			else if (p != null && !p.equals(publicKey)) {
				hints.add("A different key is published under this selector: replace it with the value above.");
			}
		}
		return hints;
	}

	/** A value without the quote marks and backslashes a paste brought in. */
	private static String unquoted(String compact) {
		return compact.replace("\\", "").replace("\"", "");
	}

	/**
	 * Whether the records, joined in some order (DNS gives no order), are the expected
	 * value: one key published as several TXT records.
	 */
	private static boolean splitAcrossRecords(List<String> observed, String wanted) {
		if (observed.size() > 5) {
			return false;
		}
		List<String> parts = observed.stream().map(v -> unquoted(v.replaceAll("\\s", ""))).toList();
		return joins(parts, new boolean[parts.size()], "", wanted);
	}

	private static boolean joins(List<String> parts, boolean[] used, String prefix, String wanted) {
		if (!wanted.startsWith(prefix)) {
			return false;
		}
		boolean all = true;
		for (int i = 0; i < parts.size(); i++) {
			if (!used[i]) {
				all = false;
				used[i] = true;
				boolean found = joins(parts, used, prefix + parts.get(i), wanted);
				used[i] = false;
				if (found) {
					return true;
				}
			}
		}
		return all && prefix.equals(wanted);
	}

	private RecordCheck dmarc(Domain domain) {
		String host = "_dmarc." + domain.name();
		String rua = (properties.dmarcRua() == null || properties.dmarcRua().isBlank() ? "dmarc-reports@{domain}"
				: properties.dmarcRua())
			.replace("{domain}", domain.name());
		String expected = "v=DMARC1; p=none; rua=mailto:" + rua + "; adkim=r; aspf=r";
		Answer answer = dns.query(host, Type.TXT);
		if (answer.status() == Answer.Status.TIMEOUT) {
			return unknown("dmarc", "TXT", host, expected);
		}
		List<String> records = answer.txt().stream().filter(v -> v.strip().startsWith("v=DMARC1")).toList();
		List<String> hints = new ArrayList<>();
		if (records.isEmpty()) {
			boolean atApex = dns.query(domain.name(), Type.TXT)
				.txt()
				.stream()
				.anyMatch(v -> v.strip().startsWith("v=DMARC1"));
			if (atApex) {
				hints.add("A DMARC record is published on " + domain.name() + " itself: receivers only look at " + host
						+ ". Move it there.");
			}
			doubled(host, Type.TXT, hints);
			hints.add(DMARC_PATH);
			return new RecordCheck("dmarc", "TXT", host, expected, "missing", answer.txt(), hints);
		}
		if (records.size() > 1) {
			hints.add("There are " + records.size()
					+ " DMARC records: receivers ignore them all (RFC 7489 §6.6.3). Keep one.");
			return new RecordCheck("dmarc", "TXT", host, expected, "wrong", records, hints);
		}
		String policy = DmarcAlignment.tag(records.get(0).replaceAll("\\s", ""), "p");
		if (policy == null) {
			hints.add("The record has no p= policy tag: add p=none to start.");
			return new RecordCheck("dmarc", "TXT", host, expected, "wrong", records, hints);
		}
		if (policy.equalsIgnoreCase("none")) {
			hints.add(DMARC_PATH);
		}
		return new RecordCheck("dmarc", "TXT", host, expected, "ok", records, hints);
	}

	private RecordCheck mx(Domain domain) {
		List<String> wanted = mechanisms(domain.mxHosts()).stream().map(DnsRecords::absolute).toList();
		String expected = String.join(", ", wanted);
		Answer answer = dns.query(domain.name(), Type.MX);
		if (answer.status() == Answer.Status.TIMEOUT) {
			return unknown("mx", "MX", domain.name(), expected);
		}
		List<String> observed = answer.records()
			.stream()
			.filter(r -> r instanceof MXRecord)
			.map(r -> ((MXRecord) r).getTarget().toString().toLowerCase(Locale.ROOT))
			.toList();
		if (observed.isEmpty()) {
			return new RecordCheck("mx", "MX", domain.name(), expected, "missing", observed, List.of());
		}
		List<String> absent = wanted.stream().filter(w -> !observed.contains(w)).toList();
		return new RecordCheck("mx", "MX", domain.name(), expected, absent.isEmpty() ? "ok" : "wrong", observed,
				absent.isEmpty() ? List.of() : List.of("Missing mail servers: " + String.join(", ", absent)));
	}

	private RecordCheck tracking(Domain domain) {
		String host = TRACKING_LABEL + domain.name();
		String expected = absolute(trackingTarget);
		Answer answer = dns.query(host, Type.CNAME);
		if (answer.status() == Answer.Status.TIMEOUT) {
			return unknown("tracking", "CNAME", host, expected);
		}
		List<String> observed = cnames(answer.records());
		List<String> hints = new ArrayList<>();
		if (observed.isEmpty()) {
			doubled(host, Type.CNAME, hints);
			return new RecordCheck("tracking", "CNAME", host, expected, "missing", observed, hints);
		}
		boolean ok = observed.contains(expected);
		return new RecordCheck("tracking", "CNAME", host, expected, ok ? "ok" : "wrong", observed,
				ok ? List.of() : List.of("Point the CNAME at " + expected + "."));
	}

	private RecordCheck ownership(Domain domain, String token) {
		String host = OWNERSHIP_PREFIX + domain.name();
		String expected = OWNERSHIP_VALUE + token;
		Answer answer = dns.query(host, Type.TXT);
		if (answer.status() == Answer.Status.TIMEOUT) {
			return unknown("ownership", "TXT", host, expected);
		}
		List<String> observed = answer.txt();
		if (observed.contains(expected)) {
			return new RecordCheck("ownership", "TXT", host, expected, "ok", observed, List.of());
		}
		List<String> hints = new ArrayList<>();
		doubled(host, Type.TXT, hints);
		return new RecordCheck("ownership", "TXT", host, expected, observed.isEmpty() ? "missing" : "wrong", observed,
				hints);
	}

	/**
	 * The most common provider mistake: the host typed as a full name, and the zone
	 * appended again.
	 */
	private void doubled(String host, int type, List<String> hints) {
		String zone = host.substring(host.indexOf('.') + 1);
		String apex = zone;
		// The registrable part is not known without the public suffix list: try each
		// parent.
		while (apex.contains(".")) {
			String doubled = host + "." + apex;
			Answer answer = dns.query(doubled, type);
			if (answer.status() == Answer.Status.OK && !answer.records().isEmpty()) {
				hints.add("Found it at " + doubled + ": your DNS provider appended the domain to the name you typed. "
						+ "Enter only the part before " + apex + " as the host.");
				return;
			}
			apex = apex.substring(apex.indexOf('.') + 1);
			if (!apex.contains(".")) {
				return;
			}
		}
	}

	private static RecordCheck unknown(String purpose, String type, String host, String expected) {
		return new RecordCheck(purpose, type, host, expected, "unknown", List.of(),
				List.of("DNS did not answer in time: unknown for now, retrying at the next check."));
	}

	private static List<String> cnames(List<Record> records) {
		return records.stream()
			.filter(r -> r instanceof CNAMERecord)
			.map(r -> ((CNAMERecord) r).getTarget().toString().toLowerCase(Locale.ROOT))
			.toList();
	}

	static List<String> mechanisms(String value) {
		if (value == null || value.isBlank()) {
			return List.of();
		}
		return Arrays.stream(value.split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
	}

	static String absolute(String host) {
		String lower = host.strip().toLowerCase(Locale.ROOT);
		return lower.endsWith(".") ? lower : lower + ".";
	}

}
