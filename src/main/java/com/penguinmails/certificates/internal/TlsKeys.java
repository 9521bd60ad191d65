package com.penguinmails.certificates.internal;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Keys and certificates in the forms stored and served: key pairs generated with the JDK,
 * private keys as PKCS#8 PEM (RFC 7468 §10, "PRIVATE KEY", which nginx, Caddy and HAProxy
 * read), public keys as SubjectPublicKeyInfo PEM (RFC 7468 §13), chains as concatenated
 * "CERTIFICATE" blocks, leaf first (RFC 8555 §9.1).
 */
public final class TlsKeys {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Pattern BLOCK = Pattern
		.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

	private TlsKeys() {
	}

	/** A new ECDSA P-256 key pair (the ACME account's: small, fast to sign with). */
	public static KeyPair ecKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A new RSA 2048 key pair (a certificate's: every TLS client, however old, speaks
	 * RSA).
	 */
	public static KeyPair rsaKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048, RANDOM);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The key pair as two PEM blocks: the private key (PKCS#8), then the public key. */
	public static String keyPairPem(KeyPair pair) {
		return privateKeyPem(pair.getPrivate()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
	}

	/** The private key as a PKCS#8 PEM block. */
	public static String privateKeyPem(PrivateKey key) {
		return pem("PRIVATE KEY", key.getEncoded());
	}

	/** Reads what {@link #keyPairPem} wrote. */
	public static KeyPair readKeyPair(String pem) {
		PrivateKey privateKey = readPrivateKey(pem);
		byte[] der = block(pem, "PUBLIC KEY");
		try {
			PublicKey publicKey = KeyFactory.getInstance(privateKey.getAlgorithm())
				.generatePublic(new X509EncodedKeySpec(der));
			return new KeyPair(publicKey, privateKey);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("Not a public key", ex);
		}
	}

	/** Reads the PKCS#8 private key (RSA or EC) of a PEM text. */
	public static PrivateKey readPrivateKey(String pem) {
		byte[] der = block(pem, "PRIVATE KEY");
		for (String algorithm : List.of("RSA", "EC")) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
			}
			catch (GeneralSecurityException ex) {
				// Try the next algorithm.
			}
		}
		throw new IllegalArgumentException("Not an RSA or EC private key");
	}

	/** The certificates of a PEM chain, in order. */
	public static List<X509Certificate> readChain(String pem) {
		try {
			CertificateFactory factory = CertificateFactory.getInstance("X.509");
			List<X509Certificate> chain = new ArrayList<>();
			for (Certificate certificate : factory
				.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
				chain.add((X509Certificate) certificate);
			}
			return chain;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("Not a PEM certificate chain", ex);
		}
	}

	/** The chain as PEM, leaf first. */
	public static String chainPem(List<X509Certificate> chain) {
		StringBuilder out = new StringBuilder();
		for (X509Certificate certificate : chain) {
			try {
				out.append(pem("CERTIFICATE", certificate.getEncoded()));
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalArgumentException(ex);
			}
		}
		return out.toString();
	}

	/**
	 * An in-memory key store holding the key under {@code alias} with its chain,
	 * protected by {@code password} (the store never touches a disk).
	 */
	public static KeyStore keyStore(String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry(alias, key, password, chain.toArray(new X509Certificate[0]));
			return store;
		}
		catch (GeneralSecurityException | java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A self-signed certificate for {@code name} (subject and DNS subject alternative
	 * name), valid from an hour ago for {@code validity}: what the HTTPS connector shows
	 * a name it has no certificate for.
	 */
	public static X509Certificate selfSigned(KeyPair pair, String name, Duration validity) {
		Instant now = Instant.now();
		X500Name subject = new X500Name("CN=" + name);
		try {
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
					new BigInteger(64, RANDOM).abs(), Date.from(now.minus(Duration.ofHours(1))),
					Date.from(now.plus(validity)), subject, pair.getPublic());
			builder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
			String algorithm = "EC".equals(pair.getPrivate().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
			return new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(pair.getPrivate())));
		}
		catch (GeneralSecurityException | OperatorCreationException | java.io.IOException ex) {
			throw new IllegalStateException("Could not make a self-signed certificate", ex);
		}
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	private static byte[] block(String pem, String type) {
		Matcher matcher = BLOCK.matcher(pem == null ? "" : pem);
		while (matcher.find()) {
			if (matcher.group(1).equals(type)) {
				return Base64.getMimeDecoder().decode(matcher.group(2));
			}
		}
		throw new IllegalArgumentException("No " + type + " block");
	}

}
