package com.penguinmails.certificates.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.penguinmails.shared.Secrets;

/**
 * Obtains one certificate over ACME (RFC 8555) with acme4j: the account (created once per
 * directory, its key pair kept encrypted in {@code acme_accounts}), a new order for the
 * host, its HTTP-01 challenge (§8.3: the key authorization stored in
 * {@code acme_challenges} so that whichever node the CA reaches answers it), the CSR
 * signed with a fresh RSA key (§7.4), the chain downloaded (§7.4.2). Blocking: call it
 * from the loop, never from a request.
 */
@Component
public class AcmeClient {

	private static final Logger log = LoggerFactory.getLogger(AcmeClient.class);

	/** How long a stored challenge answer is kept at most. */
	private static final Duration CHALLENGE_KEPT = Duration.ofHours(1);

	private final TlsProperties properties;

	private final CertificateRepository repository;

	private final Secrets secrets;

	private final Clock clock;

	AcmeClient(TlsProperties properties, CertificateRepository repository, Secrets secrets, Clock clock) {
		this.properties = properties;
		this.repository = repository;
		this.secrets = secrets;
		this.clock = clock;
	}

	/**
	 * Requests a certificate for {@code host} and waits for it (at most the configured
	 * timeout per step).
	 * @throws AcmeFailure with why, for people, when the CA refused or could not verify
	 */
	public Issued issue(String host) throws AcmeFailure {
		try {
			Session session = session();
			Order order;
			try {
				order = account(session).newOrder().domain(host).create();
			}
			catch (AcmeServerException ex) {
				if (!ex.getType().toString().endsWith(":accountDoesNotExist")) {
					throw ex;
				}
				// The CA forgot the stored account (a reset test CA): make a new one.
				repository.forgetAccount(properties.acme().directory().toString());
				order = account(session).newOrder().domain(host).create();
			}
			for (Authorization authorization : order.getAuthorizations()) {
				if (authorization.getStatus() != Status.VALID) {
					authorize(host, authorization);
				}
			}
			if (order.waitUntilReady(properties.acme().timeout()) != Status.READY) {
				throw new AcmeFailure("The CA did not get the order for " + host + " ready: "
						+ AcmeProblems.describe(host, order.getError().orElse(null)));
			}
			KeyPair key = TlsKeys.rsaKeyPair();
			order.execute(key);
			Status status = order.waitForCompletion(properties.acme().timeout());
			if (status != Status.VALID) {
				throw new AcmeFailure("The CA did not issue the certificate for " + host + ": "
						+ AcmeProblems.describe(host, order.getError().orElse(null)));
			}
			List<X509Certificate> chain = order.getCertificate().getCertificateChain();
			X509Certificate leaf = chain.get(0);
			return new Issued(TlsKeys.chainPem(chain), TlsKeys.privateKeyPem(key.getPrivate()),
					leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(),
					HexFormat.of().formatHex(leaf.getSerialNumber().toByteArray()).replaceFirst("^00(?=.)", ""),
					leaf.getIssuerX500Principal().getName());
		}
		catch (AcmeException ex) {
			throw new AcmeFailure(AcmeProblems.describe(host, ex), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AcmeFailure("Interrupted while waiting for the CA", ex);
		}
	}

	/** Answers the authorization's HTTP-01 challenge and waits until the CA decided. */
	private void authorize(String host, Authorization authorization)
			throws AcmeException, AcmeFailure, InterruptedException {
		Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class)
			.orElseThrow(() -> new AcmeFailure("The CA offers no HTTP-01 challenge for " + host));
		// RFC 8555 §8.3: GET http://<host>/.well-known/acme-challenge/<token> must return
		// exactly the key authorization (token "." base64url(JWK thumbprint)).
		repository.putChallenge(challenge.getToken(), challenge.getAuthorization(), host,
				clock.instant().plus(CHALLENGE_KEPT));
		try {
			challenge.trigger();
			Status status = challenge.waitForCompletion(properties.acme().timeout());
			if (status != Status.VALID) {
				throw new AcmeFailure(AcmeProblems.describe(host, challenge.getError().orElse(null)));
			}
		}
		finally {
			repository.removeChallenge(challenge.getToken());
		}
	}

	/** The account of the configured directory: stored, or created now. */
	private Account account(Session session) throws AcmeException {
		String directory = properties.acme().directory().toString();
		String context = "acme-account:" + directory;
		Optional<CertificateRepository.Account> stored = repository.account(directory);
		if (stored.isPresent()) {
			KeyPair key = TlsKeys.readKeyPair(secrets.decrypt(stored.get().encryptedKey(), context));
			return session.login(toUrl(stored.get().accountUrl()), key).getAccount();
		}
		KeyPair key = TlsKeys.ecKeyPair();
		// Enabling ACME is accepting the CA's terms of service (README: Automatic TLS).
		AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(key);
		if (!properties.acme().contact().isEmpty()) {
			builder.addEmail(properties.acme().contact());
		}
		Account account = builder.create(session);
		repository.saveAccount(directory, account.getLocation().toString(),
				secrets.encrypt(TlsKeys.keyPairPem(key), context));
		log.info("Created an ACME account at {}", directory);
		// Another node may have stored its account first: use whichever is stored.
		CertificateRepository.Account kept = repository.account(directory).orElseThrow();
		KeyPair keptKey = TlsKeys.readKeyPair(secrets.decrypt(kept.encryptedKey(), context));
		return session.login(toUrl(kept.accountUrl()), keptKey).getAccount();
	}

	private Session session() throws AcmeFailure {
		Session session;
		if (properties.acme().trustBundle().isEmpty()) {
			session = new Session(properties.acme().directory());
		}
		else {
			session = new Session(properties.acme().directory(),
					new TrustingProvider(sslContext(Path.of(properties.acme().trustBundle()))));
		}
		session.networkSettings().setTimeout(Duration.ofSeconds(30));
		return session;
	}

	private static URL toUrl(String url) {
		try {
			return java.net.URI.create(url).toURL();
		}
		catch (java.net.MalformedURLException ex) {
			throw new IllegalStateException("Stored ACME account URL is not a URL", ex);
		}
	}

	/** An SSL context trusting the CA certificates of a PEM file only. */
	static SSLContext sslContext(Path bundle) throws AcmeFailure {
		try (InputStream in = Files.newInputStream(bundle)) {
			KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
			trust.load(null, null);
			int i = 0;
			for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				trust.setCertificateEntry("ca-" + i++, certificate);
			}
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trust);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, factory.getTrustManagers(), null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new AcmeFailure(
					"Could not read penguinmails.tls.acme.trust-bundle " + bundle + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * A generic ACME provider whose HTTPS connections trust the configured bundle (and
	 * still verify the certificate and the host name).
	 */
	static final class TrustingProvider extends GenericAcmeProvider {

		private final SSLContext ssl;

		TrustingProvider(SSLContext ssl) {
			this.ssl = ssl;
		}

		@Override
		protected HttpConnector createHttpConnector(NetworkSettings settings) {
			return new HttpConnector(settings) {
				@Override
				public HttpClient.Builder createClientBuilder() {
					return super.createClientBuilder().sslContext(ssl);
				}
			};
		}

	}

}
