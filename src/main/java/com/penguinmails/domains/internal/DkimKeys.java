package com.penguinmails.domains.internal;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.shared.Secrets;

/**
 * DKIM keys: 2048-bit RSA, one per domain and subdomain, under a dated selector
 * ({@code pm202611}). The private key is encrypted at rest and never leaves this class in
 * clear except to sign.
 */
@Component
class DkimKeys {

	static final int BITS = 2048;

	/**
	 * How long a replaced key stays published, for mail signed with it still in transit.
	 */
	static final java.time.Duration RETIREMENT = java.time.Duration.ofDays(7);

	/** RFC 7208 and RFC 1035 §3.3.14: a TXT character-string holds at most 255 bytes. */
	static final int TXT_STRING_MAX = 255;

	private static final DateTimeFormatter SELECTOR = DateTimeFormatter.ofPattern("yyyyMM").withZone(ZoneOffset.UTC);

	record GeneratedKey(String selector, String publicKey, byte[] encryptedPrivateKey) {
	}

	private final Secrets secrets;

	private final Clock clock;

	DkimKeys(Secrets secrets, Clock clock) {
		this.secrets = secrets;
		this.clock = clock;
	}

	GeneratedKey generate(UUID keyId) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(BITS);
			KeyPair pair = generator.generateKeyPair();
			String publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
			String privateKey = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
			return new GeneratedKey("pm" + SELECTOR.format(clock.instant()), publicKey,
					secrets.encrypt(privateKey, context(keyId)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not generate a DKIM key", ex);
		}
	}

	/** The PKCS#8 private key, for signing. */
	byte[] privateKey(UUID keyId, byte[] encrypted) {
		return Base64.getDecoder().decode(secrets.decrypt(encrypted, context(keyId)));
	}

	static String txtValue(String publicKey) {
		return "v=DKIM1; k=rsa; p=" + publicKey;
	}

	/**
	 * The value cut into strings of at most 255 bytes, as a DNS TXT record must hold it.
	 */
	static List<String> split(String value) {
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < value.length(); i += TXT_STRING_MAX) {
			parts.add(value.substring(i, Math.min(value.length(), i + TXT_STRING_MAX)));
		}
		return parts;
	}

	private static String context(UUID keyId) {
		return "dkim:" + keyId;
	}

}
