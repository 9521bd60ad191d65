package com.penguinmails.webhooks.internal.delivery;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Ed25519 signing keys of Standard Webhooks' asymmetric {@code v1a} signatures (RFC
 * 8032), with the JDK's provider: the private key kept as PKCS#8 (base64), the public key
 * given to the receiver as {@code whpk_} + base64 of its raw 32 bytes.
 */
public final class Ed25519Keys {

	/** The public key's prefix in Standard Webhooks. */
	public static final String PUBLIC_PREFIX = "whpk_";

	/**
	 * A new key pair.
	 *
	 * @param privatePkcs8Base64 the private key, PKCS#8 DER in base64: store it encrypted
	 * @param publicWhpk the public key, {@code whpk_} + base64 of the raw 32 bytes (RFC
	 * 8032 §5.1.5)
	 */
	public record Generated(String privatePkcs8Base64, String publicWhpk) {
	}

	private Ed25519Keys() {
	}

	/** Generates a key pair. */
	public static Generated generate() {
		try {
			KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
			byte[] x509 = pair.getPublic().getEncoded();
			// The X.509 SubjectPublicKeyInfo of Ed25519 ends with the raw 32-byte key.
			byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
			return new Generated(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
					PUBLIC_PREFIX + Base64.getEncoder().encodeToString(raw));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Ed25519 is not available", ex);
		}
	}

	/**
	 * The base64 Ed25519 signature of {@code content} with a PKCS#8 (base64) private key.
	 */
	public static String sign(String privatePkcs8Base64, byte[] content) {
		try {
			PrivateKey key = KeyFactory.getInstance("Ed25519")
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privatePkcs8Base64)));
			Signature signature = Signature.getInstance("Ed25519");
			signature.initSign(key);
			signature.update(content);
			return Base64.getEncoder().encodeToString(signature.sign());
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("Not an Ed25519 private key", ex);
		}
	}

}
