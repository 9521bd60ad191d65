package com.penguinmails.certificates.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.penguinmails.shared.SystemCheck;

/**
 * {@code certificates.expiry}: every managed tracking host certificate far from expiry.
 * OK with over 21 days left each; warning under 21; failing under 7, or when requests for
 * a host keep failing (three in a row) while it has no valid certificate. What to do
 * names the host and the CA's reason.
 */
@Component
class CertificateExpiryCheck implements SystemCheck {

	static final Duration WARNING = Duration.ofDays(21);

	static final Duration FAILING = Duration.ofDays(7);

	private final TlsProperties properties;

	private final CertificateRepository repository;

	private final Clock clock;

	CertificateExpiryCheck(TlsProperties properties, CertificateRepository repository, Clock clock) {
		this.properties = properties;
		this.repository = repository;
		this.clock = clock;
	}

	@Override
	public String key() {
		return "certificates.expiry";
	}

	@Override
	public String title() {
		return "Tracking host certificates are far from expiry";
	}

	@Override
	public Result run() {
		if (!properties.acme().enabled()) {
			return Result.unknown("Automatic certificates are off.",
					"To have PenguinMails obtain and renew a certificate for every tracking host, set "
							+ "penguinmails.tls.acme.enabled=true (port 80 of each tracking host must reach the "
							+ "app); otherwise make sure your reverse proxy serves them.");
		}
		try {
			return judge(repository.watched(), clock.instant());
		}
		catch (RuntimeException ex) {
			return Result.unknown("The certificates could not be read: " + ex.getMessage(),
					"Check that the database is reachable.");
		}
	}

	static Result judge(List<CertificateRepository.Row> rows, Instant now) {
		if (rows.isEmpty()) {
			return Result.ok("No verified tracking host needs a certificate yet.", Map.of("certificates", 0));
		}
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("certificates", rows.size());
		figures.put("issued", rows.stream().filter(r -> "issued".equals(r.status())).count());
		figures.put("pending", rows.stream().filter(r -> "pending".equals(r.status())).count());
		figures.put("failed", rows.stream().filter(r -> "failed".equals(r.status())).count());
		CertificateRepository.Row soonest = rows.stream()
			.filter(r -> r.notAfter() != null)
			.min(java.util.Comparator.comparing(CertificateRepository.Row::notAfter))
			.orElse(null);
		if (soonest != null) {
			figures.put("soonest_host", soonest.host());
			figures.put("soonest_not_after", soonest.notAfter().toString());
			figures.put("soonest_days_left", Duration.between(now, soonest.notAfter()).toDays());
		}
		for (CertificateRepository.Row row : rows) {
			boolean valid = row.notAfter() != null && row.notAfter().isAfter(now);
			if (!valid && row.attempts() >= 3) {
				return Result.failing(row.host() + " has no valid certificate: requests keep failing.",
						reason(row, "Fix what the CA reports, then wait for the next attempt."), figures);
			}
		}
		if (soonest != null && soonest.notAfter().isBefore(now.plus(FAILING))) {
			return Result.failing(expires(soonest, now), reason(soonest, "Renewal is not succeeding."), figures);
		}
		if (soonest != null && soonest.notAfter().isBefore(now.plus(WARNING))) {
			return Result.warning(expires(soonest, now), reason(soonest, "Renewal is not succeeding yet."), figures);
		}
		return Result.ok(rows.size() + " certificate(s) managed; " + figures.get("issued") + " issued"
				+ (soonest == null ? "." : ", the first to expire has " + figures.get("soonest_days_left")
						+ " days left (renewed well before)."),
				figures);
	}

	private static String expires(CertificateRepository.Row row, Instant now) {
		long days = Duration.between(now, row.notAfter()).toDays();
		return "The certificate of " + row.host() + (days < 0 ? " has expired." : " expires in " + days + " day(s).");
	}

	private static String reason(CertificateRepository.Row row, String otherwise) {
		return row.lastError() == null || row.lastError().isBlank() ? otherwise : row.lastError();
	}

}
