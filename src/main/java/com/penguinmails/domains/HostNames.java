package com.penguinmails.domains;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Type;

import org.springframework.stereotype.Service;

import com.penguinmails.domains.internal.DnsClient;
import com.penguinmails.domains.internal.DnsClient.Answer;

/**
 * Host names and addresses through the configured resolvers, like every other DNS
 * question: the addresses of a host (A and AAAA, RFC 1035 and RFC 3596) and the reverse
 * name of an address (PTR, RFC 1035 §3.5). Never throws on bad input: it gets no answer.
 */
@Service
public class HostNames {

	private final DnsClient dns;

	HostNames(DnsClient dns) {
		this.dns = dns;
	}

	/**
	 * The IPv4 and IPv6 addresses of {@code host}, as
	 * {@link InetAddress#getHostAddress()} writes them; the address itself for an IP
	 * literal; empty when DNS has none or did not answer.
	 */
	public List<String> addresses(String host) {
		if (host == null || host.isBlank()) {
			return List.of();
		}
		Optional<InetAddress> literal = literal(host.strip());
		if (literal.isPresent()) {
			return List.of(literal.get().getHostAddress());
		}
		List<String> found = new ArrayList<>();
		for (int type : new int[] { Type.A, Type.AAAA }) {
			for (Record record : dns.query(host.strip(), type).records()) {
				if (record instanceof ARecord a) {
					found.add(a.getAddress().getHostAddress());
				}
				else if (record instanceof AAAARecord aaaa) {
					found.add(aaaa.getAddress().getHostAddress());
				}
			}
		}
		return found;
	}

	/**
	 * The name the PTR record of {@code ip} gives (lower case, no trailing dot); empty
	 * when there is none, DNS did not answer or {@code ip} is not an IP address.
	 */
	public Optional<String> reverseName(String ip) {
		Optional<InetAddress> address = literal(ip == null ? "" : ip.strip());
		if (address.isEmpty()) {
			return Optional.empty();
		}
		Answer answer = dns.query(ReverseMap.fromAddress(address.get()).toString(), Type.PTR);
		return answer.records()
			.stream()
			.filter(PTRRecord.class::isInstance)
			.map(r -> ((PTRRecord) r).getTarget().toString(true).toLowerCase(java.util.Locale.ROOT))
			.findFirst();
	}

	/** An IPv4 or IPv6 literal, parsed without any DNS look-up. */
	private static Optional<InetAddress> literal(String value) {
		if (!org.xbill.DNS.Address.isDottedQuad(value) && !value.contains(":")) {
			return Optional.empty();
		}
		try {
			return Optional.of(org.xbill.DNS.Address.getByAddress(value));
		}
		catch (java.net.UnknownHostException ex) {
			return Optional.empty();
		}
	}

}
