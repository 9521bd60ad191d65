package com.penguinmails.domains.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.penguinmails.domains.RecordCheck;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NetworkPolicy;

/**
 * Publishes a domain's records with one RFC 2136 UPDATE message signed with TSIG (RFC
 * 8945). Only PenguinMails' own records are replaced: an existing SPF record is swapped
 * for the merged one and the domain's other TXT records are left alone; missing MX hosts
 * are added, none removed.
 */
@Component
class DnsUpdater {

	static final long TTL = 3600;

	private final DomainsProperties properties;

	private final NetworkPolicy network;

	DnsUpdater(DomainsProperties properties, NetworkPolicy network) {
		this.properties = properties;
		this.network = network;
	}

	/**
	 * Sends one UPDATE for {@code zone} to {@code server} (host[:port], never an address
	 * of this machine or network), signed with the TSIG key.
	 * @throws InvalidInputProblem 400 for a bad address, name or key, or a record outside
	 * the zone; 502 when the server cannot be reached or refuses the update
	 */
	void publish(String server, String zone, String keyName, String algorithm, String secret,
			List<RecordCheck> records) {
		java.net.InetSocketAddress target = target(server);
		try {
			Update update = update(zone, records);
			SimpleResolver resolver = new SimpleResolver(target);
			resolver.setTimeout(properties.timeout().multipliedBy(3));
			resolver.setTCP(true);
			resolver.setTSIGKey(
					new TSIG(TSIG.algorithmToName(algorithm), Name.fromString(DnsRecords.absolute(keyName)), secret));
			Message response = resolver.send(update);
			int rcode = response.getRcode();
			if (rcode != Rcode.NOERROR) {
				throw new InvalidInputProblem(HttpStatus.BAD_GATEWAY, "dns-update-refused",
						"The DNS server refused the update: " + Rcode.string(rcode) + explain(rcode));
			}
		}
		catch (TextParseException ex) {
			throw new InvalidInputProblem("invalid-name", "Not a valid DNS name: " + ex.getMessage());
		}
		catch (IOException ex) {
			throw new InvalidInputProblem(HttpStatus.BAD_GATEWAY, "dns-update-failed",
					"Could not reach the DNS server " + server + ": " + ex.getMessage());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("invalid-tsig", "The TSIG key is not usable: " + ex.getMessage());
		}
	}

	/** The server's address, allowed by the network policy: the server is the user's. */
	private java.net.InetSocketAddress target(String server) {
		java.net.InetSocketAddress target;
		try {
			target = DnsClient.address(server);
		}
		catch (RuntimeException ex) {
			throw new InvalidInputProblem("invalid-dns-update", "Not a DNS server address: " + server);
		}
		network.check(target.getHostString(), target.getPort());
		return target;
	}

	/** The RFC 2136 §2.5 update section: what to delete and add for each record. */
	private static Update update(String zone, List<RecordCheck> records) throws TextParseException {
		Name zoneName = Name.fromString(DnsRecords.absolute(zone));
		Update update = new Update(zoneName);
		for (RecordCheck record : records) {
			Name owner = Name.fromString(DnsRecords.absolute(record.host()));
			if (!owner.subdomain(zoneName)) {
				throw new InvalidInputProblem("zone-mismatch",
						record.host() + " is not inside the zone " + zone + ": name the zone that holds the domain.");
			}
			add(update, owner, record);
		}
		return update;
	}

	private static void add(Update update, Name owner, RecordCheck record) throws TextParseException {
		switch (record.purpose()) {
			case "spf" -> {
				for (String old : record.observed()) {
					if (Spf.isSpf(old)) {
						update.delete(new TXTRecord(owner, DClass.IN, 0, DkimKeys.split(old)));
					}
				}
				update.add(new TXTRecord(owner, DClass.IN, TTL, DkimKeys.split(record.expected())));
			}
			case "mx" -> {
				int priority = 10;
				for (String host : record.expected().split(",\\s*")) {
					if (!record.observed().contains(host.toLowerCase(Locale.ROOT))) {
						update.add(new MXRecord(owner, DClass.IN, TTL, priority, Name.fromString(host)));
					}
					priority += 10;
				}
			}
			case "tracking" -> {
				update.delete(owner, Type.CNAME);
				update.add(new CNAMERecord(owner, DClass.IN, TTL, Name.fromString(record.expected())));
			}
			default -> {
				// DKIM, DMARC, ownership: names of their own, replaced whole.
				update.delete(owner, Type.TXT);
				update.add(new TXTRecord(owner, DClass.IN, TTL, DkimKeys.split(record.expected())));
			}
		}
	}

	private static String explain(int rcode) {
		return switch (rcode) {
			case Rcode.NOTAUTH -> " (the TSIG key name, algorithm or secret does not match the server's)";
			case Rcode.REFUSED -> " (the server does not allow updates from this key or address)";
			case Rcode.NOTZONE -> " (the zone is not served by this server)";
			default -> "";
		};
	}

	static List<String> algorithms() {
		return new ArrayList<>(List.of("hmac-sha256", "hmac-sha512", "hmac-sha1"));
	}

}
