package com.penguinmails.certificates.internal;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.penguinmails.shared.Secrets;

/**
 * Puts the issued certificates where they are served, on this node: the HTTPS connector's
 * SNI table and the reverse proxy's files. Runs at start-up, after each issuance on this
 * node, and with each round of the loop (so a certificate another node obtained is served
 * here within one round).
 */
@Component
public class CertificateServing {

	private static final Logger log = LoggerFactory.getLogger(CertificateServing.class);

	private final CertificateRepository repository;

	private final ObjectProvider<HttpsConnector> connector;

	private final CertificateFiles files;

	private final Secrets secrets;

	private final Clock clock;

	/** Host to the serial put in place on this node. */
	private final Map<String, String> placed = new ConcurrentHashMap<>();

	CertificateServing(CertificateRepository repository, ObjectProvider<HttpsConnector> connector,
			CertificateFiles files, Secrets secrets, Clock clock) {
		this.repository = repository;
		this.connector = connector;
		this.files = files;
		this.secrets = secrets;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			log.warn("Could not load the issued certificates: {}", ex.getMessage());
		}
	}

	/**
	 * Serves every issued certificate whose serial differs from the one in place.
	 * @return how many were put in place
	 */
	public synchronized int refresh() {
		int count = 0;
		for (CertificateRepository.Served served : repository.served(clock.instant())) {
			if (served.serial().equals(placed.get(served.host()))) {
				continue;
			}
			try {
				place(served);
				count++;
			}
			catch (IOException | RuntimeException ex) {
				// The message names the host and what failed, never the key.
				log.warn("Could not serve the certificate of {}: {}", served.host(), ex.getMessage());
			}
		}
		return count;
	}

	private void place(CertificateRepository.Served served) throws IOException {
		String keyPem = secrets.decrypt(served.encryptedKey(), CertificateLoop.keyContext(served.host()));
		List<X509Certificate> chain = TlsKeys.readChain(served.chainPem());
		PrivateKey key = TlsKeys.readPrivateKey(keyPem);
		HttpsConnector https = connector.getIfAvailable();
		if (https != null) {
			https.install(served.host(), key, chain);
		}
		files.write(served.host(), served.chainPem(), keyPem);
		placed.put(served.host(), served.serial());
	}

}
