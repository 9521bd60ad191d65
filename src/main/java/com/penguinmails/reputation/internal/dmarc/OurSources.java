package com.penguinmails.reputation.internal.dmarc;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

import com.penguinmails.domains.HostNames;
import com.penguinmails.mailboxes.MailboxRef;
import com.penguinmails.mailboxes.Mailboxes;

/**
 * Which source IPs are ours for a domain: the addresses of the SMTP hosts of the
 * workspace's mailboxes, and the {@code ip4:}/{@code ip6:} terms (with their CIDR
 * lengths, RFC 7208 §5.6) of the SPF mechanisms the domain publishes through us. Host
 * addresses are kept {@value #CACHE_MINUTES} minutes.
 */
@Component
public class OurSources {

	static final int CACHE_MINUTES = 10;

	private final Mailboxes mailboxes;

	private final HostNames hosts;

	private final Clock clock;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	private record Cached(List<String> addresses, Instant until) {
	}

	OurSources(Mailboxes mailboxes, HostNames hosts, Clock clock) {
		this.mailboxes = mailboxes;
		this.hosts = hosts;
		this.clock = clock;
	}

	/**
	 * Whether an IP is ours.
	 * @param spfMechanisms the domain's SPF mechanisms (e.g.
	 * {@code ip4:192.0.2.0/24 include:_spf.example.net}), or {@code null}
	 */
	public Predicate<String> of(UUID workspaceId, String spfMechanisms) {
		List<byte[][]> ranges = new ArrayList<>();
		for (String host : smtpHosts(workspaceId)) {
			for (String address : addresses(host)) {
				range(address).ifPresent(ranges::add);
			}
		}
		if (spfMechanisms != null) {
			for (String term : spfMechanisms.strip().split("\\s+")) {
				String lower = term.toLowerCase(Locale.ROOT).replaceFirst("^\\+", "");
				if (lower.startsWith("ip4:") || lower.startsWith("ip6:")) {
					range(lower.substring(4)).ifPresent(ranges::add);
				}
			}
		}
		return ip -> parse(ip).map(address -> ranges.stream().anyMatch(r -> within(address, r))).orElse(false);
	}

	private List<String> smtpHosts(UUID workspaceId) {
		List<UUID> ids = mailboxes.all()
			.stream()
			.filter(m -> m.workspaceId().equals(workspaceId))
			.map(MailboxRef::id)
			.toList();
		return mailboxes.findAll(workspaceId, ids)
			.stream()
			.map(m -> m.smtpHost())
			.filter(h -> h != null && !h.isBlank())
			.distinct()
			.toList();
	}

	private List<String> addresses(String host) {
		Instant now = clock.instant();
		Cached cached = cache.get(host);
		if (cached == null || cached.until().isBefore(now)) {
			cached = new Cached(hosts.addresses(host), now.plus(Duration.ofMinutes(CACHE_MINUTES)));
			cache.put(host, cached);
		}
		return cached.addresses();
	}

	/** An address or CIDR as {network bytes, {prefix length}}. */
	static java.util.Optional<byte[][]> range(String value) {
		String[] parts = value.strip().split("/", 2);
		java.util.Optional<byte[]> address = parse(parts[0]);
		if (address.isEmpty()) {
			return java.util.Optional.empty();
		}
		int bits = address.get().length * 8;
		try {
			int prefix = parts.length == 2 ? Math.min(bits, Math.max(0, Integer.parseInt(parts[1]))) : bits;
			return java.util.Optional.of(new byte[][] { address.get(), { (byte) prefix } });
		}
		catch (NumberFormatException ex) {
			return java.util.Optional.empty();
		}
	}

	static boolean within(byte[] address, byte[][] range) {
		byte[] network = range[0];
		int prefix = range[1][0] & 0xff;
		if (address.length != network.length) {
			return false;
		}
		for (int bit = 0; bit < prefix; bit++) {
			int mask = 0x80 >> (bit % 8);
			if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
				return false;
			}
		}
		return true;
	}

	/** An IP literal's bytes, without any DNS look-up. */
	static java.util.Optional<byte[]> parse(String ip) {
		if (ip == null || !(org.xbill.DNS.Address.isDottedQuad(ip.strip()) || ip.contains(":"))) {
			return java.util.Optional.empty();
		}
		try {
			InetAddress address = org.xbill.DNS.Address.getByAddress(ip.strip());
			return java.util.Optional.of(address.getAddress());
		}
		catch (UnknownHostException ex) {
			return java.util.Optional.empty();
		}
	}

}
