package com.penguinmails.certificates.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.penguinmails.domains.TrackingCertificates;

/**
 * The tracking host's certificate as the domain page shows it, scoped to the workspace,
 * and whether a message's links on the host may use {@code https}.
 */
@Component
class TrackingCertificateStatus implements TrackingCertificates {

	private final TlsProperties properties;

	private final CertificateRepository repository;

	/** A certificate that expires sooner is not offered to new links. */
	static final Duration LINK_MARGIN = Duration.ofDays(7);

	private static final long KEEP_NANOS = 60_000_000_000L;

	private record Kept(boolean usable, long until) {
	}

	private final Map<String, Kept> usable = new ConcurrentHashMap<>();

	private final Clock clock;

	TrackingCertificateStatus(TlsProperties properties, CertificateRepository repository, Clock clock) {
		this.properties = properties;
		this.repository = repository;
		this.clock = clock;
	}

	@Override
	public OptionalInt linkPort(UUID workspaceId, String host) {
		Integer port = properties.linkPort();
		if (port == null || workspaceId == null || host == null) {
			return OptionalInt.empty();
		}
		long now = System.nanoTime();
		String key = workspaceId + "/" + host;
		Kept kept = usable.get(key);
		if (kept == null || kept.until() - now < 0) {
			if (usable.size() > 10_000) {
				usable.clear();
			}
			boolean inUse = repository.find(workspaceId, host)
				.filter(row -> row.active() && row.notAfter() != null
						&& row.notAfter().isAfter(clock.instant().plus(LINK_MARGIN)))
				.isPresent();
			kept = new Kept(inUse, now + KEEP_NANOS);
			usable.put(key, kept);
		}
		return kept.usable() ? OptionalInt.of(port) : OptionalInt.empty();
	}

	@Override
	public Optional<Status> certificate(UUID workspaceId, String host) {
		Optional<CertificateRepository.Row> row = repository.find(workspaceId, host);
		if (row.isEmpty()) {
			return properties.acme().enabled() ? Optional.of(new Status("pending", "Being requested", null, "", null))
					: Optional.empty();
		}
		CertificateRepository.Row found = row.get();
		String label = switch (found.status()) {
			case "issued" -> "Issued";
			case "failed" -> "Failing";
			default -> "Being requested";
		};
		return Optional.of(new Status(found.status(), label, found.notAfter(),
				found.lastError() == null ? "" : found.lastError(), found.active() ? found.nextAttemptAt() : null));
	}

}
