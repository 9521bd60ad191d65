package com.penguinmails.domains.internal;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.penguinmails.domains.TrackingHost;

/**
 * The verified tracking hosts ({@code track.<domain>}, a CNAME to this installation whose
 * last verification found it ok), asked for every message sent and every request on a
 * tracking host: so each answer, found or not, is kept a minute. A verification, move or
 * deletion on this node forgets the domain's answers at once; other nodes learn within
 * the minute.
 */
@Component
public class TrackingHosts {

	/** The label in front of a sending domain that makes its tracking host. */
	public static final String LABEL = DnsRecords.TRACKING_LABEL;

	static final long KEEP_NANOS = 60_000_000_000L;

	static final int MAX_ENTRIES = 10_000;

	private record Kept<V>(V value, long until) {
	}

	private final Map<String, Kept<Optional<String>>> hosts = new ConcurrentHashMap<>();

	private final Map<String, Kept<Optional<UUID>>> owners = new ConcurrentHashMap<>();

	private final DomainRepository repository;

	private final LongSupplier ticker;

	@Autowired
	TrackingHosts(DomainRepository repository) {
		this(repository, System::nanoTime);
	}

	TrackingHosts(DomainRepository repository, LongSupplier ticker) {
		this.repository = repository;
		this.ticker = ticker;
	}

	/**
	 * {@code track.<domain>} when the workspace's domain has its tracking CNAME verified.
	 */
	public Optional<String> host(UUID workspaceId, String sendingDomain) {
		Optional<String> domain = ascii(sendingDomain);
		if (workspaceId == null || domain.isEmpty()) {
			return Optional.empty();
		}
		String name = domain.get();
		return kept(hosts, workspaceId + "/" + name,
				key -> repository.trackingVerified(workspaceId, name) ? Optional.of(LABEL + name) : Optional.empty());
	}

	/** The workspace whose domain has {@code host} as its verified tracking host. */
	public Optional<UUID> owner(String host) {
		Optional<String> name = ascii(host);
		if (name.isEmpty() || !name.get().startsWith(LABEL)) {
			return Optional.empty();
		}
		String domain = name.get().substring(LABEL.length());
		return kept(owners, name.get(), key -> repository.trackingOwner(domain));
	}

	/** Every verified tracking host of the installation, read fresh, by host. */
	public List<TrackingHost> all() {
		return repository.trackingHosts()
			.stream()
			.map(row -> new TrackingHost(row.workspaceId(), row.domainId(), LABEL + row.name()))
			.toList();
	}

	/** Forgets what was kept about the domain {@code name} (its status just changed). */
	public void forget(String name) {
		owners.remove(LABEL + name);
		hosts.keySet().removeIf(key -> key.endsWith("/" + name));
	}

	private <V> V kept(Map<String, Kept<V>> map, String key, Function<String, V> load) {
		long now = ticker.getAsLong();
		Kept<V> kept = map.get(key);
		if (kept != null && now - kept.until() < 0) {
			return kept.value();
		}
		V value = load.apply(key);
		if (map.size() >= MAX_ENTRIES) {
			map.clear();
		}
		map.put(key, new Kept<>(value, now + KEEP_NANOS));
		return value;
	}

	/** A host name in its stored form: ASCII (punycode), lower case, no final dot. */
	private static Optional<String> ascii(String name) {
		if (name == null || name.isBlank()) {
			return Optional.empty();
		}
		String value = name.strip();
		if (value.endsWith(".")) {
			value = value.substring(0, value.length() - 1);
		}
		try {
			return Optional.of(IDN.toASCII(value).toLowerCase(Locale.ROOT)).filter(v -> !v.isEmpty());
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
