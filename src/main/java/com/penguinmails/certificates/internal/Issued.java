package com.penguinmails.certificates.internal;

import java.time.Instant;

/**
 * A certificate the CA issued.
 *
 * @param chainPem the chain as PEM, leaf first, as the CA sent it (RFC 8555 §9.1)
 * @param keyPem the certificate's private key, PKCS#8 PEM: store it encrypted only
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param serial the leaf's serial number, lower-case hex
 * @param issuer the issuer's distinguished name (RFC 4514)
 */
public record Issued(String chainPem, String keyPem, Instant notBefore, Instant notAfter, String serial,
		String issuer) {

	@Override
	public String toString() {
		// Never print the key.
		return "Issued[serial=" + serial + ", notAfter=" + notAfter + ", issuer=" + issuer + "]";
	}

}
