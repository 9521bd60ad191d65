package com.penguinmails.backups.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;

import com.penguinmails.shared.Secrets;

/**
 * The encryption of backup files: Tink's streaming AEAD AES256_GCM_HKDF_4KB (AES-256-GCM
 * in 4 KB segments, a fresh key per file derived with HKDF-SHA256 from a random salt),
 * keyed by a key derived from the master key ({@link Secrets#derivedKey}): a backup
 * restores on any machine given only the master key, and every segment is authenticated,
 * so a changed or truncated file fails to read instead of restoring wrong rows.
 */
public final class BackupCrypto {

	/**
	 * Binds a ciphertext to its use: the same key never decrypts another kind of file.
	 */
	private static final byte[] ASSOCIATED_DATA = "penguinmails-backup-v1".getBytes(StandardCharsets.UTF_8);

	private final StreamingAead aead;

	BackupCrypto(byte[] key) {
		try {
			this.aead = new AesGcmHkdfStreaming(key, "HmacSha256", 32, 4096, 0);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The backups' cipher of this installation's master key. */
	public static BackupCrypto of(Secrets secrets) {
		return new BackupCrypto(secrets.derivedKey("backups"));
	}

	OutputStream encrypting(OutputStream out) throws IOException {
		try {
			return aead.newEncryptingStream(out, ASSOCIATED_DATA);
		}
		catch (GeneralSecurityException ex) {
			throw new IOException(ex);
		}
	}

	InputStream decrypting(InputStream in) throws IOException {
		try {
			return aead.newDecryptingStream(in, ASSOCIATED_DATA);
		}
		catch (GeneralSecurityException ex) {
			throw new IOException(ex);
		}
	}

}
