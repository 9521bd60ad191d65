package com.penguinmails.domains.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * DNS queries with dnsjava against the configured resolvers (or the system's). No cache:
 * a verification must see what DNS says now. A query that gets no answer in time is
 * {@link Answer.Status#TIMEOUT}, which callers report as "unknown", never as "missing".
 */
@Component
public class DnsClient {

	public record Answer(Status status, List<Record> records) {

		public enum Status {

			/**
			 * The name exists; {@code records} may still be empty (no record of that
			 * type).
			 */
			OK,
			/** The name does not exist. */
			NXDOMAIN,
			/** No answer in time, or the server failed: say nothing about the record. */
			TIMEOUT

		}

		/**
		 * The TXT strings of each record, joined: a long record split in 255-byte strings
		 * is one value.
		 */
		public List<String> txt() {
			List<String> values = new ArrayList<>();
			for (Record record : records) {
				if (record instanceof org.xbill.DNS.TXTRecord txt) {
					values.add(String.join("", txt.getStrings()));
				}
			}
			return values;
		}

	}

	private final Resolver resolver;

	@Autowired
	DnsClient(DomainsProperties properties) {
		this.resolver = resolver(properties);
	}

	private DnsClient(Resolver resolver) {
		this.resolver = resolver;
	}

	/**
	 * The underlying resolver, for libraries that do their own look-ups (SPF evaluation).
	 */
	Resolver resolver() {
		return resolver;
	}

	/** A client that asks one server only, for the propagation matrix. */
	static DnsClient single(InetSocketAddress server, java.time.Duration timeout) {
		SimpleResolver simple = new SimpleResolver(server);
		simple.setTimeout(timeout);
		return new DnsClient(simple);
	}

	public Answer query(String name, int type) {
		Name qname;
		try {
			qname = Name.fromString(name.endsWith(".") ? name : name + ".");
		}
		catch (TextParseException ex) {
			return new Answer(Answer.Status.NXDOMAIN, List.of());
		}
		try {
			Message response = resolver.send(Message.newQuery(Record.newRecord(qname, type, DClass.IN)));
			int rcode = response.getRcode();
			if (rcode == Rcode.NXDOMAIN) {
				return new Answer(Answer.Status.NXDOMAIN, List.of());
			}
			if (rcode != Rcode.NOERROR) {
				return new Answer(Answer.Status.TIMEOUT, List.of());
			}
			List<Record> records = new ArrayList<>();
			for (Record record : response.getSection(Section.ANSWER)) {
				if (record.getType() == type || record.getType() == Type.CNAME) {
					records.add(record);
				}
			}
			return new Answer(Answer.Status.OK, records);
		}
		catch (IOException ex) {
			return new Answer(Answer.Status.TIMEOUT, List.of());
		}
	}

	/** {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6 address. */
	static InetSocketAddress address(String entry) {
		String value = entry.strip();
		if (value.startsWith("[")) {
			int end = value.indexOf(']');
			int port = value.length() > end + 2 ? Integer.parseInt(value.substring(end + 2)) : 53;
			return new InetSocketAddress(value.substring(1, end), port);
		}
		int colon = value.lastIndexOf(':');
		if (colon > 0 && value.indexOf(':') == colon) {
			return new InetSocketAddress(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
		}
		return new InetSocketAddress(value, 53);
	}

	private static Resolver resolver(DomainsProperties properties) {
		List<Resolver> resolvers = new ArrayList<>();
		List<String> configured = properties.resolvers() == null ? List.of() : properties.resolvers();
		List<InetSocketAddress> servers = new ArrayList<>();
		for (String entry : configured) {
			if (entry == null || entry.isBlank()) {
				continue;
			}
			String value = entry.strip();
			int colon = value.lastIndexOf(':');
			if (colon > 0 && value.indexOf(':') == colon) {
				servers.add(
						new InetSocketAddress(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1))));
			}
			else {
				servers.add(new InetSocketAddress(value, 53));
			}
		}
		if (servers.isEmpty()) {
			servers.addAll(ResolverConfig.getCurrentConfig().servers());
		}
		for (InetSocketAddress server : servers) {
			SimpleResolver simple = new SimpleResolver(server);
			simple.setTimeout(properties.timeout());
			resolvers.add(simple);
		}
		ExtendedResolver extended = new ExtendedResolver(resolvers);
		extended.setTimeout(properties.timeout());
		extended.setRetries(1);
		return extended;
	}

}
