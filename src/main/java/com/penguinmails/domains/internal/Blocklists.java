package com.penguinmails.domains.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

import com.penguinmails.domains.BlocklistResult;
import com.penguinmails.domains.internal.DnsClient.Answer;

/**
 * DNS blocklists (DNSBL, RFC 5782): the domain against domain lists
 * ({@code example.com.zone}) and each sending IP against IP lists (reversed octets,
 * {@code 4.3.2.1.zone}; IPv6 by nibbles). The shipped list is
 * {@code classpath:domains/blocklists.csv}; another file can be configured. Return codes
 * are read per zone; an answer in 127.255.255.0/24 or a zone's own "refused" codes means
 * the list would not answer us (often because the resolver is a public one), which is
 * unknown, never listed. "Not listed" is believed only from a list seen answering: one
 * that lists its RFC 5782 §5 test entry (127.0.0.2).
 */
@Component
class Blocklists {

	record Zone(String zone, boolean ip, String name, Map<String, String> listed, Set<String> refused, String delist) {
	}

	/**
	 * At most this many sending IPs are looked up per domain (each costs one query per IP
	 * list).
	 */
	static final int MAX_IPS = 10;

	private final List<Zone> zones;

	private final DnsClient dns;

	Blocklists(DnsClient dns, DomainsProperties properties, ResourceLoader resources) throws IOException {
		this.dns = dns;
		String location = properties.blocklists() == null || properties.blocklists().isBlank()
				? "classpath:domains/blocklists.csv" : properties.blocklists();
		this.zones = load(resources.getResource(location));
	}

	List<Zone> zones() {
		return zones;
	}

	List<BlocklistResult> check(String domain, List<String> ips) {
		TestEntries tests = new TestEntries();
		List<BlocklistResult> results = new ArrayList<>();
		for (Zone zone : zones) {
			if (zone.ip()) {
				for (String ip : ips) {
					String reversed = reverse(ip);
					if (reversed != null) {
						results.add(trusted(lookup(ip, reversed + "." + zone.zone(), zone), zone,
								() -> tests.answers(zone), UNTRUSTED_IP_LIST));
					}
				}
			}
			else {
				results.add(trusted(lookup(domain, domain + "." + zone.zone(), zone), zone, tests::anyAnswers,
						UNTRUSTED_DOMAIN_LIST));
			}
		}
		return results;
	}

	static final String UNTRUSTED_IP_LIST = "the list does not answer its test entry (127.0.0.2, RFC 5782 §5) "
			+ "through this server's resolver, so its \"not listed\" cannot be trusted";

	static final String UNTRUSTED_DOMAIN_LIST = "no IP blocklist answers its test entry (127.0.0.2, RFC 5782 §5) "
			+ "through this server's resolver, so \"not listed\" cannot be trusted";

	/**
	 * A "clean" answer counts only when the list is seen answering at all: an IP list
	 * must list its RFC 5782 §5 test entry 127.0.0.2; a domain list (whose test names
	 * differ from list to list) when some IP list does. Otherwise (a resolver that
	 * answers NXDOMAIN for everything, a list that stopped answering us) it is unknown.
	 */
	private static BlocklistResult trusted(BlocklistResult result, Zone zone,
			java.util.function.BooleanSupplier answering, String why) {
		if (!"clean".equals(result.status()) || answering.getAsBoolean()) {
			return result;
		}
		return result(result.target(), zone, "unknown", result.code(), why);
	}

	/** Which IP lists answer their test entry, asked once per check. */
	private final class TestEntries {

		private final Map<String, Boolean> answers = new java.util.HashMap<>();

		private Boolean any;

		boolean answers(Zone zone) {
			return answers.computeIfAbsent(zone.zone(), name -> {
				Answer answer = dns.query("2.0.0.127." + name, Type.A);
				// A refusal code (127.255.255.x, the zone's own) is no answer either.
				return answer.status() == Answer.Status.OK && answer.records()
					.stream()
					.filter(r -> r instanceof ARecord)
					.map(Record::rdataToString)
					.anyMatch(code -> code.startsWith("127.") && !code.startsWith("127.255.255.")
							&& !zone.refused().contains(code));
			});
		}

		boolean anyAnswers() {
			if (any == null) {
				any = zones.stream().filter(Zone::ip).anyMatch(this::answers);
			}
			return any;
		}

	}

	private BlocklistResult lookup(String target, String query, Zone zone) {
		Answer answer = dns.query(query, Type.A);
		if (answer.status() == Answer.Status.NXDOMAIN) {
			return result(target, zone, "clean", null, null);
		}
		if (answer.status() == Answer.Status.TIMEOUT) {
			return result(target, zone, "unknown", null, "no answer from DNS");
		}
		List<String> codes = answer.records()
			.stream()
			.filter(r -> r instanceof ARecord)
			.map(Record::rdataToString)
			.toList();
		if (codes.isEmpty()) {
			return result(target, zone, "clean", null, null);
		}
		for (String code : codes) {
			if (code.startsWith("127.255.255.") || zone.refused().contains(code)) {
				return result(target, zone, "unknown", code,
						"the list refused the query (rate limit, or a public resolver it does not serve)");
			}
		}
		for (String code : codes) {
			if (!code.startsWith("127.")) {
				// RFC 5782 §2.1: entries are in 127.0.0.0/8; anything else is a wildcard
				// or hijack.
				return result(target, zone, "unknown", code, "not a blocklist answer");
			}
			if (zone.listed().isEmpty()) {
				return result(target, zone, "listed", code, "listed");
			}
			if (zone.listed().containsKey(code)) {
				return result(target, zone, "listed", code, zone.listed().get(code));
			}
		}
		return result(target, zone, "clean", codes.get(0), "not a listing code of this list");
	}

	private static BlocklistResult result(String target, Zone zone, String status, String code, String meaning) {
		return new BlocklistResult(target, zone.zone(), zone.name(), status, code, meaning, zone.delist());
	}

	/**
	 * {@code 1.2.3.4} becomes {@code 4.3.2.1}; an IPv6 address its 32 reversed nibbles.
	 */
	static String reverse(String ip) {
		if (ip.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
			String[] octets = ip.split("\\.");
			return octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0];
		}
		if (!ip.contains(":")) {
			return null;
		}
		try {
			InetAddress address = InetAddress.getByName(ip);
			if (address instanceof Inet4Address) {
				return reverse(address.getHostAddress());
			}
			if (!(address instanceof Inet6Address)) {
				return null;
			}
			byte[] bytes = address.getAddress();
			StringBuilder nibbles = new StringBuilder();
			for (int i = bytes.length - 1; i >= 0; i--) {
				nibbles.append(Character.forDigit(bytes[i] & 0xf, 16)).append('.');
				nibbles.append(Character.forDigit((bytes[i] >> 4) & 0xf, 16)).append('.');
			}
			return nibbles.substring(0, nibbles.length() - 1);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/**
	 * The single addresses in SPF ip4:/ip6: terms (ranges are skipped: too many to look
	 * up).
	 */
	static List<String> addresses(List<String> spfTerms) {
		Set<String> ips = new LinkedHashSet<>();
		for (String term : spfTerms) {
			String t = term.toLowerCase(Locale.ROOT).replaceFirst("^[+~?-]", "");
			if (t.startsWith("ip4:") || t.startsWith("ip6:")) {
				String value = t.substring(4);
				if (value.endsWith("/32") || value.endsWith("/128")) {
					value = value.substring(0, value.lastIndexOf('/'));
				}
				if (!value.contains("/") && ips.size() < MAX_IPS) {
					ips.add(value);
				}
			}
		}
		return List.copyOf(ips);
	}

	private static List<Zone> load(Resource resource) throws IOException {
		List<Zone> zones = new ArrayList<>();
		try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
			CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
			for (CSVRecord row : format.parse(reader)) {
				Map<String, String> listed = new LinkedHashMap<>();
				for (String pair : row.get("listed").split(";")) {
					int eq = pair.indexOf('=');
					if (eq > 0) {
						listed.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
					}
				}
				Set<String> refused = new LinkedHashSet<>();
				for (String code : row.get("refused").split(";")) {
					if (!code.isBlank()) {
						refused.add(code.strip());
					}
				}
				zones.add(new Zone(row.get("zone").toLowerCase(Locale.ROOT), "ip".equals(row.get("type")),
						row.get("name"), listed, refused, row.get("delist")));
			}
		}
		return List.copyOf(zones);
	}

}
