package com.penguinmails.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.altcha.altcha.Altcha;
import org.altcha.altcha.Altcha.Challenge;
import org.altcha.altcha.Altcha.ChallengeOptions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.penguinmails.shared.Secrets;

/**
 * Self-hosted proof-of-work CAPTCHA (ALTCHA): the browser's widget finds a number whose
 * SHA-256 with the salt matches the challenge; the server checks the HMAC-signed
 * challenge, its expiry, and that the solution has not been used before. No third-party
 * service is involved.
 */
@Service
public class CaptchaService {

	/**
	 * The secret number is drawn from 0 to this, so a solver hashes half of it on
	 * average: about 0.7 s for a Python script on one core and a few seconds for the
	 * browser widget (Web Workers, one per core); {@code bash bench/captcha.sh} measures
	 * it. At 100,000 a script solved it in about 30 ms, which slowed no one down.
	 */
	static final long MAX_NUMBER = 1_500_000;

	static final long TTL_SECONDS = 600;

	private final String hmacKey;

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final Clock clock;

	CaptchaService(Secrets secrets, JdbcClient jdbc, ObjectMapper json, Clock clock) {
		this.hmacKey = HexFormat.of().formatHex(secrets.derivedKey("altcha"));
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	public Challenge newChallenge() {
		try {
			ChallengeOptions options = new ChallengeOptions();
			options.setMaxNumber(MAX_NUMBER);
			options.setHmacKey(hmacKey);
			options.setExpires(clock.instant().getEpochSecond() + TTL_SECONDS);
			return Altcha.createChallenge(options);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not create a CAPTCHA challenge", ex);
		}
	}

	/**
	 * Checks the widget's payload (base64 JSON) and burns it, so it cannot be replayed.
	 */
	public boolean verify(String payload) {
		if (payload == null || payload.isBlank() || payload.length() > 4000) {
			return false;
		}
		try {
			if (!Altcha.verifySolution(payload, hmacKey, true)) {
				return false;
			}
			String signature = json.readTree(Base64.getDecoder().decode(payload)).path("signature").asText();
			Instant now = clock.instant();
			jdbc.sql("DELETE FROM captcha_solutions WHERE expires_at < ?").param(Timestamp.from(now)).update();
			return jdbc
				.sql("INSERT INTO captcha_solutions (signature, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
				.params(signature, Timestamp.from(now.plusSeconds(TTL_SECONDS)))
				.update() == 1;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
