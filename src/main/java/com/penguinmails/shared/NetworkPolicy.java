package com.penguinmails.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Where a host given by a user (a mailbox's SMTP or IMAP server, a DNS-update server) may
 * point: anywhere public, but not into our own machine or network. Every address the name
 * resolves to (all A and AAAA answers) is checked right before connecting; one address in
 * a refused class refuses the host. Refused classes: loopback (127/8, ::1), unspecified
 * and "this network" (0.0.0.0/8, ::), link-local (169.254/16, fe80::/10), private (RFC
 * 1918: 10/8, 172.16/12, 192.168/16), shared address space (RFC 6598 carrier-grade NAT:
 * 100.64/10), unique local (RFC 4193: fc00::/7), site-local (fec0::/10) and multicast;
 * IPv4-mapped and IPv4-compatible IPv6 forms (RFC 4291 §2.5.5) are judged as their IPv4
 * address. An administrator allows exceptions with {@code penguinmails.network.allow}
 * (env {@code PENGUINMAILS_NETWORK_ALLOW}): CIDRs ({@code 10.0.0.0/8}), single addresses,
 * or host names (that exact name, whatever it resolves to). The application's own servers
 * (the sandbox) register their exact address and port with {@link #allow(String, int)}.
 * <p>
 * The JVM caches a name's answers (30 s by default), so the connection that follows the
 * check uses the addresses the check saw.
 */
@Component
public class NetworkPolicy {

	/**
	 * The administrator's exceptions.
	 *
	 * @param allow CIDRs, addresses or host names that user-given hosts may reach even
	 * when private
	 */
	@ConfigurationProperties("penguinmails.network")
	public record Settings(List<String> allow) {

		public Settings {
			allow = allow == null ? List.of() : List.copyOf(allow);
		}

	}

	/** A host refused: a 400 problem naming the address and its class. */
	public static class RefusedAddress extends InvalidInputProblem {

		private final String addressClass;

		RefusedAddress(String host, InetAddress address, String addressClass) {
			super("address-not-allowed", host + " resolves to " + address.getHostAddress() + ", a " + addressClass
					+ " address: connections into this machine's or a private network are refused. An administrator can "
					+ "allow it with penguinmails.network.allow (PENGUINMAILS_NETWORK_ALLOW).");
			this.addressClass = addressClass;
		}

		/** The class of the refused address: loopback, private, link-local, ... */
		public String addressClass() {
			return addressClass;
		}

	}

	private record Cidr(byte[] network, int bits) {

		boolean contains(byte[] address) {
			if (address.length != network.length) {
				return false;
			}
			int full = bits / 8;
			for (int i = 0; i < full; i++) {
				if (address[i] != network[i]) {
					return false;
				}
			}
			int rest = bits % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xff << (8 - rest)) & 0xff;
			return (address[full] & mask) == (network[full] & mask);
		}

	}

	private final List<Cidr> allowedNetworks = new ArrayList<>();

	private final Set<String> allowedNames = ConcurrentHashMap.newKeySet();

	private final Set<String> allowedEndpoints = ConcurrentHashMap.newKeySet();

	public NetworkPolicy(Settings settings) {
		for (String entry : settings.allow()) {
			String value = entry.strip();
			if (value.isEmpty()) {
				continue;
			}
			Optional<Cidr> cidr = cidr(value);
			if (cidr.isPresent()) {
				allowedNetworks.add(cidr.get());
			}
			else {
				allowedNames.add(value.toLowerCase(Locale.ROOT));
			}
		}
	}

	/**
	 * Allows one address and port that the application itself serves (the sandbox's SMTP
	 * and IMAP servers), whatever its class.
	 */
	public void allow(String address, int port) {
		cidr(address).ifPresent(c -> allowedEndpoints.add(key(c.network(), port)));
	}

	/**
	 * Checks every address {@code host} resolves to before a connection to {@code port}.
	 * @return the addresses, all allowed (empty when the name does not resolve: the
	 * connection then fails as a DNS error of its own)
	 * @throws RefusedAddress when one of them is in a refused class and not allowed
	 */
	public List<InetAddress> check(String host, int port) {
		String name = host == null ? "" : host.strip();
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(name);
		}
		catch (UnknownHostException ex) {
			return List.of();
		}
		if (allowedNames.contains(name.toLowerCase(Locale.ROOT))) {
			return Arrays.asList(addresses);
		}
		for (InetAddress address : addresses) {
			Optional<String> refused = refusedClass(address);
			if (refused.isEmpty()) {
				continue;
			}
			byte[] raw = address.getAddress();
			byte[] v4 = ipv4(raw);
			boolean allowed = allowedEndpoints.contains(key(raw, port))
					|| (v4 != null && allowedEndpoints.contains(key(v4, port)))
					|| allowedNetworks.stream().anyMatch(c -> c.contains(raw) || (v4 != null && c.contains(v4)));
			if (!allowed) {
				throw new RefusedAddress(name, address, refused.get());
			}
		}
		return Arrays.asList(addresses);
	}

	/** The class that makes an address refused, or empty for a public address. */
	public static Optional<String> refusedClass(InetAddress address) {
		byte[] raw = address.getAddress();
		byte[] v4 = ipv4(raw);
		if (v4 != null) {
			int a = v4[0] & 0xff;
			int b = v4[1] & 0xff;
			if (a == 127) {
				return Optional.of("loopback");
			}
			if (a == 0) {
				return Optional.of("\"this network\" (0.0.0.0/8)");
			}
			if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)) {
				return Optional.of("private (RFC 1918)");
			}
			if (a == 100 && b >= 64 && b <= 127) {
				return Optional.of("carrier-grade NAT (100.64.0.0/10)");
			}
			if (a == 169 && b == 254) {
				return Optional.of("link-local");
			}
			if (a >= 224 && a <= 239) {
				return Optional.of("multicast");
			}
			if (a >= 240) {
				return Optional.of("reserved (240.0.0.0/4)");
			}
			return Optional.empty();
		}
		if (address.isLoopbackAddress()) {
			return Optional.of("loopback");
		}
		if (address.isAnyLocalAddress()) {
			return Optional.of("unspecified");
		}
		if (address.isLinkLocalAddress()) {
			return Optional.of("link-local");
		}
		if (address.isSiteLocalAddress()) {
			return Optional.of("site-local");
		}
		if ((raw[0] & 0xfe) == 0xfc) {
			return Optional.of("unique local (fc00::/7)");
		}
		if (address.isMulticastAddress()) {
			return Optional.of("multicast");
		}
		return Optional.empty();
	}

	/**
	 * The IPv4 address of an IPv4 address, or of an IPv4-mapped ({@code ::ffff:a.b.c.d})
	 * or IPv4-compatible ({@code ::a.b.c.d}) IPv6 address; null otherwise.
	 */
	private static byte[] ipv4(byte[] raw) {
		if (raw.length == 4) {
			return raw;
		}
		for (int i = 0; i < 10; i++) {
			if (raw[i] != 0) {
				return null;
			}
		}
		boolean mapped = (raw[10] & 0xff) == 0xff && (raw[11] & 0xff) == 0xff;
		boolean compatible = raw[10] == 0 && raw[11] == 0 && !(raw[12] == 0 && raw[13] == 0 && raw[14] == 0);
		return mapped || compatible ? Arrays.copyOfRange(raw, 12, 16) : null;
	}

	/** A CIDR or a single address literal; empty for a host name. */
	private static Optional<Cidr> cidr(String value) {
		String address = value;
		Integer bits = null;
		int slash = value.indexOf('/');
		if (slash >= 0) {
			address = value.substring(0, slash);
			try {
				bits = Integer.parseInt(value.substring(slash + 1).strip());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("Not a CIDR in penguinmails.network.allow: " + value);
			}
		}
		boolean literal = address.contains(":") || address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
		if (!literal) {
			if (bits != null) {
				throw new IllegalArgumentException("Not a CIDR in penguinmails.network.allow: " + value);
			}
			return Optional.empty();
		}
		try {
			// A literal: no DNS query is made.
			byte[] raw = InetAddress.getByName(address).getAddress();
			int max = raw.length * 8;
			int prefix = bits == null ? max : bits;
			if (prefix < 0 || prefix > max) {
				throw new IllegalArgumentException("Not a CIDR in penguinmails.network.allow: " + value);
			}
			return Optional.of(new Cidr(raw, prefix));
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("Not an address in penguinmails.network.allow: " + value, ex);
		}
	}

	private static String key(byte[] address, int port) {
		return Arrays.toString(address) + ":" + port;
	}

}
