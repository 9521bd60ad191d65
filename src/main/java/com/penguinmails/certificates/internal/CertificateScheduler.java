package com.penguinmails.certificates.internal;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the certificate loop on every node (rows are leased, so nodes share it) every
 * {@code penguinmails.tls.acme.every}, and reloads what this node serves. Off with
 * {@code penguinmails.tls.acme.loop-enabled=false} (tests run the rounds themselves).
 */
@Component
@ConditionalOnProperty(name = "penguinmails.tls.acme.loop-enabled", havingValue = "true", matchIfMissing = true)
class CertificateScheduler {

	private static final Logger log = LoggerFactory.getLogger(CertificateScheduler.class);

	private final CertificateLoop loop;

	private final CertificateServing serving;

	private final Clock clock;

	CertificateScheduler(CertificateLoop loop, CertificateServing serving, Clock clock) {
		this.loop = loop;
		this.serving = serving;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "${penguinmails.tls.acme.every:PT10M}")
	void round() {
		try {
			loop.runDue(clock.instant());
		}
		catch (RuntimeException ex) {
			log.warn("Certificate round failed: {}", ex.getMessage());
		}
		try {
			serving.refresh();
		}
		catch (RuntimeException ex) {
			log.warn("Reloading the served certificates failed: {}", ex.getMessage());
		}
	}

}
