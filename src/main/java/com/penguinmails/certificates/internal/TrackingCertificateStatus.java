package com.penguinmails.certificates.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.domains.TrackingCertificates;

/**
 * The tracking host's certificate as the domain page shows it, scoped to the workspace.
 */
@Component
class TrackingCertificateStatus implements TrackingCertificates {

	private final TlsProperties properties;

	private final CertificateRepository repository;

	TrackingCertificateStatus(TlsProperties properties, CertificateRepository repository) {
		this.properties = properties;
		this.repository = repository;
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
