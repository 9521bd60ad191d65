package com.penguinmails.certificates.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.certificates.CertificateAttention;
import com.penguinmails.domains.Domains;
import com.penguinmails.shared.Secrets;

/**
 * Requests and renews the certificates of the verified tracking hosts. One round:
 * {@link #sync} the rows with the verified hosts, {@link #issueDue} (each due row leased
 * to this node, so one node works on a host at a time), {@link #warn} the workspaces
 * whose certificate needs them. Renewal at two thirds of the lifetime, and at least 30
 * days before expiry for long-lived certificates (but never before half the lifetime);
 * after a failure, retries back off from 10 minutes, doubling, to a day, with the reason
 * kept and shown.
 */
@Component
public class CertificateLoop {

	private static final Logger log = LoggerFactory.getLogger(CertificateLoop.class);

	/** Hosts one round works on at most (each takes seconds: a CA round trip or more). */
	static final int BATCH = 10;

	/** How long a host taken by this node stays away from the others. */
	static final Duration LEASE = Duration.ofMinutes(15);

	static final Duration FIRST_RETRY = Duration.ofMinutes(10);

	static final Duration LAST_RETRY = Duration.ofDays(1);

	/**
	 * Under this much validity left, the workspace is warned (and renewal has failed).
	 */
	static final Duration WARN_BEFORE = Duration.ofDays(14);

	private final TlsProperties properties;

	private final Domains domains;

	private final CertificateRepository repository;

	private final AcmeClient acme;

	private final CertificateServing serving;

	private final Secrets secrets;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	CertificateLoop(TlsProperties properties, Domains domains, CertificateRepository repository, AcmeClient acme,
			CertificateServing serving, Secrets secrets, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock) {
		this.properties = properties;
		this.domains = domains;
		this.repository = repository;
		this.acme = acme;
		this.serving = serving;
		this.secrets = secrets;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * The encryption context of a host's certificate key (binds the ciphertext to it).
	 */
	static String keyContext(String host) {
		return "tls-key:" + host;
	}

	/**
	 * One round at {@code now} (nothing when ACME is off).
	 * @return how many hosts were worked on
	 */
	public int runDue(Instant now) {
		if (!properties.acme().enabled()) {
			return 0;
		}
		sync(now);
		int done = issueDue(now);
		warn(now);
		return done;
	}

	/** Makes the rows match today's verified tracking hosts. */
	public void sync(Instant now) {
		repository.sync(domains.verifiedTrackingHosts(), now);
		repository.removeExpiredChallenges(now);
	}

	/**
	 * Requests a certificate for every row due at {@code now}, one after the other.
	 * @return how many were worked on (issued or failed)
	 */
	public int issueDue(Instant now) {
		List<CertificateRepository.Row> due = repository.claimDue(now, BATCH, LEASE);
		for (CertificateRepository.Row row : due) {
			attempt(row, now);
		}
		if (!due.isEmpty()) {
			serving.refresh();
		}
		return due.size();
	}

	private void attempt(CertificateRepository.Row row, Instant now) {
		String error;
		try {
			Issued issued = acme.issue(row.host());
			repository.issued(row.id(), issued, secrets.encrypt(issued.keyPem(), keyContext(row.host())),
					renewAt(issued.notBefore(), issued.notAfter()), clock.instant());
			log.info("Certificate for {} issued, valid until {} (serial {})", row.host(), issued.notAfter(),
					issued.serial());
			return;
		}
		catch (AcmeFailure ex) {
			error = ex.getMessage();
		}
		catch (RuntimeException ex) {
			error = "Unexpected error: " + ex.getMessage();
		}
		int attempts = row.attempts() + 1;
		Instant next = now.plus(backoff(attempts));
		repository.failed(row.id(), error, next, clock.instant());
		log.warn("No certificate for {} (attempt {}, next at {}): {}", row.host(), attempts, next, error);
	}

	/**
	 * Publishes a {@link CertificateAttention} for each row needing its workspace (at
	 * most once a day each), in one transaction with the marks, so the durable event
	 * registry keeps them.
	 */
	public void warn(Instant now) {
		transactions.executeWithoutResult(status -> {
			for (CertificateRepository.Row row : repository.takeWarnings(now, now.plus(WARN_BEFORE),
					now.minus(Duration.ofDays(1)))) {
				boolean expiring = row.notAfter() != null && row.notAfter().isBefore(now.plus(WARN_BEFORE));
				events.publishEvent(new CertificateAttention(row.workspaceId(), row.domainId(), row.host(),
						expiring ? CertificateAttention.Reason.EXPIRING : CertificateAttention.Reason.FAILING,
						row.notAfter(), row.lastError() == null ? "" : row.lastError()));
			}
		});
	}

	/** When to renew a certificate valid from {@code notBefore} to {@code notAfter}. */
	static Instant renewAt(Instant notBefore, Instant notAfter) {
		Duration lifetime = Duration.between(notBefore, notAfter);
		Instant twoThirds = notBefore.plus(lifetime.multipliedBy(2).dividedBy(3));
		Instant monthBefore = notAfter.minus(Duration.ofDays(30));
		Instant half = notBefore.plus(lifetime.dividedBy(2));
		Instant earlier = monthBefore.isBefore(twoThirds) ? monthBefore : twoThirds;
		return earlier.isBefore(half) ? half : earlier;
	}

	/** The wait after the {@code attempts}-th failure in a row. */
	static Duration backoff(int attempts) {
		Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 16));
		return wait.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait;
	}

}
