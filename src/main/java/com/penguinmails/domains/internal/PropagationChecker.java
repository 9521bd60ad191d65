package com.penguinmails.domains.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import org.springframework.stereotype.Component;

import com.penguinmails.domains.Propagation;
import com.penguinmails.domains.RecordCheck;
import com.penguinmails.domains.internal.DnsClient.Answer;

/**
 * Asks each configured public resolver
 * ({@code penguinmails.domains.propagation-resolvers}, {@code Name=host[:port]}) for each
 * record, to show how far a change has spread.
 */
@Component
class PropagationChecker {

	private final Map<String, DnsClient> resolvers = new LinkedHashMap<>();

	private final Clock clock;

	private final ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
		Thread thread = new Thread(r, "dns-propagation");
		thread.setDaemon(true);
		return thread;
	});

	PropagationChecker(DomainsProperties properties, Clock clock) {
		this.clock = clock;
		List<String> configured = properties.propagationResolvers() == null ? List.of()
				: properties.propagationResolvers();
		for (String entry : configured) {
			if (entry == null || entry.isBlank()) {
				continue;
			}
			int eq = entry.indexOf('=');
			String name = eq > 0 ? entry.substring(0, eq).strip() : entry.strip();
			String address = eq > 0 ? entry.substring(eq + 1) : entry;
			resolvers.put(name, DnsClient.single(DnsClient.address(address), properties.timeout()));
		}
	}

	/**
	 * All cells are asked at once (a few threads), so one slow resolver costs one
	 * timeout, not many.
	 */
	Propagation check(List<RecordCheck> records) {
		List<Propagation.Row> rows = new ArrayList<>();
		for (RecordCheck record : records) {
			List<CompletableFuture<Propagation.Cell>> cells = new ArrayList<>();
			resolvers
				.forEach((name, dns) -> cells.add(CompletableFuture.supplyAsync(() -> cell(name, dns, record), pool)));
			rows.add(new Propagation.Row(record.purpose(), record.type(), record.host(), record.expected(),
					cells.stream().map(CompletableFuture::join).toList()));
		}
		return new Propagation(List.copyOf(resolvers.keySet()), rows, clock.instant());
	}

	@PreDestroy
	void stop() {
		pool.shutdownNow();
	}

	private static Propagation.Cell cell(String name, DnsClient dns, RecordCheck record) {
		int type = Type.value(record.type());
		Answer answer = dns.query(record.host(), type);
		if (answer.status() == Answer.Status.TIMEOUT) {
			return new Propagation.Cell(name, "unknown", List.of(), null);
		}
		List<Record> matching = answer.records().stream().filter(r -> r.getType() == type).toList();
		if (matching.isEmpty()) {
			return new Propagation.Cell(name, "missing", List.of(), null);
		}
		List<String> observed = matching.stream().map(PropagationChecker::value).toList();
		long ttl = matching.stream().mapToLong(Record::getTTL).min().orElse(0);
		boolean ok = switch (record.type()) {
			case "MX" -> observed.containsAll(List.of(record.expected().split(",\\s*")));
			case "TXT" -> observed.stream()
				.anyMatch(v -> v.replaceAll("\\s", "").equals(record.expected().replaceAll("\\s", "")));
			default -> observed.contains(record.expected().toLowerCase(Locale.ROOT));
		};
		return new Propagation.Cell(name, ok ? "ok" : "different", observed, ttl);
	}

	private static String value(Record record) {
		if (record instanceof TXTRecord txt) {
			return String.join("", txt.getStrings());
		}
		if (record instanceof MXRecord mx) {
			return mx.getTarget().toString().toLowerCase(Locale.ROOT);
		}
		if (record instanceof CNAMERecord cname) {
			return cname.getTarget().toString().toLowerCase(Locale.ROOT);
		}
		return record.rdataToString();
	}

}
