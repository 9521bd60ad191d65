package com.penguinmails.identity.internal;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.recovery.RecoveryCodeGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Secrets;

/**
 * TOTP two-factor authentication (RFC 6238: SHA-1, 6 digits, 30-second steps) with 10
 * single-use backup codes. The TOTP secret is encrypted at rest; backup codes are stored
 * as SHA-256 (they carry 80 random bits, so a fast hash is safe). A code is accepted
 * once: the last used time step is remembered, so a code seen over someone's shoulder
 * cannot be replayed.
 */
@Service
public class TwoFactorService {

	static final int PERIOD_SECONDS = 30;

	static final int BACKUP_CODES = 10;

	public record Enrolment(String secret, String qrDataUri, String otpAuthUri) {
	}

	private final UserRepository users;

	private final JdbcClient jdbc;

	private final Secrets secrets;

	private final PasswordEncoder passwordEncoder;

	private final SecurityEvents events;

	private final Clock clock;

	private final CodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

	TwoFactorService(UserRepository users, JdbcClient jdbc, Secrets secrets, PasswordEncoder passwordEncoder,
			SecurityEvents events, Clock clock) {
		this.users = users;
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.passwordEncoder = passwordEncoder;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A fresh secret to enrol, with its QR code; nothing is stored until {@link #enable}.
	 */
	public Enrolment newEnrolment(String email) {
		String secret = new DefaultSecretGenerator(32).generate();
		QrData data = new QrData.Builder().label(email)
			.secret(secret)
			.issuer("PenguinMails")
			.algorithm(HashingAlgorithm.SHA1)
			.digits(6)
			.period(PERIOD_SECONDS)
			.build();
		try {
			ZxingPngQrGenerator generator = new ZxingPngQrGenerator();
			String qr = Utils.getDataUriForImage(generator.generate(data), generator.getImageMimeType());
			return new Enrolment(secret, qr, data.getUri());
		}
		catch (QrGenerationException ex) {
			throw new IllegalStateException("Could not draw the QR code", ex);
		}
	}

	/**
	 * Turns 2FA on once the user proves their authenticator has the secret.
	 * @return the backup codes, to be shown once
	 */
	@Transactional
	public List<String> enable(UUID userId, String secret, String code, String ip) {
		long step = matchingStep(secret, code, 0);
		if (step < 0) {
			throw new InvalidInputProblem("wrong-code",
					"That code is not right. Check the time on your phone and try the current code.");
		}
		UserAccount user = users.findById(userId).orElseThrow();
		users.setTotp(userId, secrets.encrypt(secret, context(userId)), clock.instant());
		jdbc.sql("UPDATE users SET totp_last_step = ? WHERE id = ?").params(step, userId).update();
		List<String> backup = storeNewBackupCodes(userId);
		events.account("2fa.enabled", userId, user.email(), "", ip);
		return backup;
	}

	@Transactional
	public void disable(UUID userId, String password, String code, String ip) {
		UserAccount user = users.findById(userId).orElseThrow();
		if (!passwordEncoder.matches(password == null ? "" : password, user.passwordHash())) {
			throw new InvalidInputProblem("wrong-password", "The password is not correct.");
		}
		if (!verify(userId, code)) {
			throw new InvalidInputProblem("wrong-code", "That code is not right.");
		}
		users.setTotp(userId, null, null);
		jdbc.sql("DELETE FROM backup_codes WHERE user_id = ?").param(userId).update();
		events.account("2fa.disabled", userId, user.email(), "", ip);
	}

	@Transactional
	public List<String> regenerateBackupCodes(UUID userId, String password, String ip) {
		UserAccount user = users.findById(userId).orElseThrow();
		if (!user.totpEnabled()) {
			throw new InvalidInputProblem("2fa-off", "Two-factor authentication is not on.");
		}
		if (!passwordEncoder.matches(password == null ? "" : password, user.passwordHash())) {
			throw new InvalidInputProblem("wrong-password", "The password is not correct.");
		}
		List<String> backup = storeNewBackupCodes(userId);
		events.account("2fa.backup_codes_regenerated", userId, user.email(), "", ip);
		return backup;
	}

	public int remainingBackupCodes(UUID userId) {
		return jdbc.sql("SELECT count(*) FROM backup_codes WHERE user_id = ? AND used_at IS NULL")
			.param(userId)
			.query(Integer.class)
			.single();
	}

	/** Checks a TOTP code or, failing that, a backup code (which is then used up). */
	@Transactional
	public boolean verify(UUID userId, String code) {
		UserAccount user = users.findById(userId).orElseThrow();
		if (!user.totpEnabled() || code == null || code.isBlank()) {
			return false;
		}
		String trimmed = code.replaceAll("\\s", "");
		if (trimmed.matches("\\d{6}")) {
			String secret = secrets.decrypt(user.totpSecret(), context(userId));
			long lastStep = jdbc.sql("SELECT totp_last_step FROM users WHERE id = ? FOR UPDATE")
				.param(userId)
				.query(Long.class)
				.single();
			long step = matchingStep(secret, trimmed, lastStep);
			if (step < 0) {
				return false;
			}
			jdbc.sql("UPDATE users SET totp_last_step = ? WHERE id = ?").params(step, userId).update();
			return true;
		}
		return jdbc
			.sql("""
					UPDATE backup_codes SET used_at = now()
					WHERE id = (SELECT id FROM backup_codes WHERE user_id = ? AND code_hash = ? AND used_at IS NULL LIMIT 1)""")
			.params(userId, hash(trimmed.toLowerCase()))
			.update() == 1;
	}

	/**
	 * RFC 6238 §5.2: accept one step either side for clock drift, but never a step
	 * already used.
	 */
	private long matchingStep(String secret, String code, long lastStep) {
		if (code == null || !code.strip().matches("\\d{6}")) {
			return -1;
		}
		long now = clock.instant().getEpochSecond() / PERIOD_SECONDS;
		for (long step = now - 1; step <= now + 1; step++) {
			try {
				if (step > lastStep
						&& MessageDigest.isEqual(codes.generate(secret, step).getBytes(), code.strip().getBytes())) {
					return step;
				}
			}
			catch (CodeGenerationException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return -1;
	}

	private List<String> storeNewBackupCodes(UUID userId) {
		jdbc.sql("DELETE FROM backup_codes WHERE user_id = ?").param(userId).update();
		List<String> fresh = List.of(new RecoveryCodeGenerator().generateCodes(BACKUP_CODES));
		for (String code : fresh) {
			jdbc.sql("INSERT INTO backup_codes (id, user_id, code_hash) VALUES (?, ?, ?)")
				.params(UUID.randomUUID(), userId, hash(code.toLowerCase()))
				.update();
		}
		return fresh;
	}

	private static String hash(String code) {
		return HexFormat.of().formatHex(TokenHashing.sha256(code));
	}

	private static String context(UUID userId) {
		return "totp:" + userId;
	}

}
