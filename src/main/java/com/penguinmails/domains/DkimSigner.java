package com.penguinmails.domains;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.IDN;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.springframework.stereotype.Service;

import com.penguinmails.domains.internal.DomainStore;
import com.penguinmails.domains.internal.RelaxedDkim;

/**
 * Signs outgoing mail with the active DKIM key of the sender's domain (RFC 6376,
 * rsa-sha256, relaxed/relaxed). The private key is decrypted here for the signature and
 * goes nowhere else.
 */
@Service
public class DkimSigner {

	/**
	 * The header fields signed when present (RFC 6376 §5.4.1: From is required; the rest
	 * are those a forwarder must not change). List-Unsubscribe and its -Post are signed
	 * so that no one can point the one-click unsubscribe elsewhere (RFC 8058 §4).
	 */
	static final String[] SIGNED_HEADERS = { "From", "To", "Cc", "Subject", "Date", "Message-ID", "MIME-Version",
			"Content-Type", "Reply-To", "In-Reply-To", "References", "List-Unsubscribe", "List-Unsubscribe-Post" };

	/**
	 * Keys ready to sign, for a minute: looking the key up, decrypting and parsing it for
	 * every message cost more than the signature. A rotated key keeps verifying for days
	 * after the switch, so a minute of the old one is harmless.
	 */
	private record Ready(String domain, String selector, RSAPrivateKey key, long until) {
	}

	private static final long KEEP_NANOS = 60_000_000_000L;

	private final Map<String, Optional<Ready>> ready = new ConcurrentHashMap<>();

	private final DomainStore store;

	DkimSigner(DomainStore store) {
		this.store = store;
	}

	/**
	 * The message signed by {@code fromDomain}'s active key, or empty when that domain is
	 * not one of the workspace's or has no active key. The message must be complete
	 * ({@code saveChanges} done); the signed copy keeps its headers, Message-ID included.
	 */
	public Optional<MimeMessage> sign(UUID workspaceId, String fromDomain, MimeMessage message) {
		String domain;
		try {
			domain = IDN.toASCII(fromDomain.strip()).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		String cacheKey = workspaceId + "/" + domain;
		long now = System.nanoTime();
		Optional<Ready> key = ready.get(cacheKey);
		if (key == null || key.map(k -> now - k.until() > 0).orElse(false)) {
			key = store.signingKey(workspaceId, domain).map(found -> ready(found, now));
			if (ready.size() > 10_000) {
				ready.clear();
			}
			ready.put(cacheKey, key);
		}
		if (key.isEmpty()) {
			// Not cached as "no key" for long: the domain may get one at any moment.
			ready.remove(cacheKey);
			return Optional.empty();
		}
		return Optional.of(sign(key.get(), message));
	}

	private static Ready ready(DomainStore.SigningKey key, long now) {
		try {
			RSAPrivateKey privateKey = (RSAPrivateKey) KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(key.pkcs8()));
			return new Ready(key.domain(), key.selector(), privateKey, now + KEEP_NANOS);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The DKIM key of " + key.domain() + " cannot be read", ex);
		}
	}

	private static MimeMessage sign(Ready key, MimeMessage message) {
		try {
			// Written once: the signature is computed over these bytes and the signed
			// message sends them as they are (no copy parsed back, no second encoding).
			Bytes out = new Bytes();
			message.writeTo(out);
			RelaxedDkim.Written written = RelaxedDkim.Written.of(out.buffer(), out.size());
			String signature = RelaxedDkim.sign(written, SIGNED_HEADERS, key.domain(), key.selector(), key.key(),
					System.currentTimeMillis() / 1000);
			return new SignedMessage(message.getSession(), signature, written);
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException("Could not DKIM-sign for " + key.domain(), ex);
		}
	}

	/** A byte array stream whose buffer is read in place. */
	private static final class Bytes extends ByteArrayOutputStream {

		Bytes() {
			super(4096);
		}

		byte[] buffer() {
			return this.buf;
		}

	}

	/**
	 * The signed message: the DKIM-Signature field first (RFC 6376 §5.6), then the fields
	 * and body exactly as signed. It reads like a parsed message (headers, content on
	 * demand) and is written out byte for byte; it is final, so saving changes does
	 * nothing and its Message-ID stays the one it was given.
	 */
	private static final class SignedMessage extends MimeMessage {

		SignedMessage(Session session, String signature, RelaxedDkim.Written written) {
			super(session);
			this.headers.addHeaderLine(signature);
			for (String field : written.fields()) {
				this.headers.addHeaderLine(field);
			}
			this.content = Arrays.copyOfRange(written.bytes(), written.bodyStart(), written.length());
			this.modified = false;
			this.saved = true;
		}

		@Override
		public void saveChanges() {
			// Signed: any change would break the signature.
		}

		@Override
		protected void updateMessageID() {
			// The Message-ID was set by the sender and is what replies will reference.
		}

	}

}
