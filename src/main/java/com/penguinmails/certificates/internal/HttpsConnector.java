package com.penguinmails.certificates.internal;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's own HTTPS connector (when {@code penguinmails.tls.https-port} is set): TLS
 * 1.2 and 1.3, one Tomcat {@link SSLHostConfig} per tracking host chosen by SNI (RFC 6066
 * §3), added or replaced while the connector runs, and a self-signed certificate for any
 * other name (or a client sending no SNI). The keys live in memory only.
 */
public final class HttpsConnector {

	private static final Logger log = LoggerFactory.getLogger(HttpsConnector.class);

	/** The host config Tomcat uses when no other matches the SNI name. */
	static final String DEFAULT_HOST = "_default_";

	private static final String ALIAS = "tls";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Connector connector;

	HttpsConnector(int port) {
		this.connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
		connector.setPort(port);
		connector.setScheme("https");
		connector.setSecure(true);
		AbstractHttp11Protocol<?> protocol = protocol();
		protocol.setSSLEnabled(true);
		protocol.setDefaultSSLHostConfigName(DEFAULT_HOST);
		KeyPair pair = TlsKeys.ecKeyPair();
		X509Certificate self = TlsKeys.selfSigned(pair, "penguinmails.invalid", Duration.ofDays(3650));
		protocol.addSslHostConfig(hostConfig(DEFAULT_HOST, pair.getPrivate(), List.of(self)));
	}

	/** The Tomcat connector to add to the embedded server. */
	Connector connector() {
		return connector;
	}

	/** The port it listens on (the configured one, or the bound one when 0). */
	public int port() {
		int local = connector.getLocalPort();
		return local > 0 ? local : connector.getPort();
	}

	/**
	 * Serves {@code chain} (leaf first) with {@code key} to clients asking for
	 * {@code host}, replacing what was served for it; takes effect for new handshakes.
	 */
	public synchronized void install(String host, PrivateKey key, List<X509Certificate> chain) {
		protocol().addSslHostConfig(hostConfig(host, key, chain), true);
		log.info("Serving the certificate of {} (serial {}) on HTTPS port {}", host,
				chain.get(0).getSerialNumber().toString(16), port());
	}

	private AbstractHttp11Protocol<?> protocol() {
		return (AbstractHttp11Protocol<?>) connector.getProtocolHandler();
	}

	private static SSLHostConfig hostConfig(String host, PrivateKey key, List<X509Certificate> chain) {
		SSLHostConfig config = new SSLHostConfig();
		config.setHostName(host);
		config.setProtocols("TLSv1.2+TLSv1.3");
		SSLHostConfigCertificate.Type type = "EC".equals(key.getAlgorithm()) ? SSLHostConfigCertificate.Type.EC
				: SSLHostConfigCertificate.Type.RSA;
		SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(config, type);
		// The store is in memory only; its password just satisfies the KeyStore API.
		String password = Base64.getEncoder().encodeToString(RANDOM.generateSeed(18));
		certificate.setCertificateKeystore(TlsKeys.keyStore(ALIAS, key, chain, password.toCharArray()));
		certificate.setCertificateKeystorePassword(password);
		certificate.setCertificateKeyPassword(password);
		certificate.setCertificateKeyAlias(ALIAS);
		config.addCertificate(certificate);
		return config;
	}

}
