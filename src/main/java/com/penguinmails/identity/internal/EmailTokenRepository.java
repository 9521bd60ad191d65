package com.penguinmails.identity.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.shared.InvalidInputProblem;

/**
 * Single-use tokens sent by email (verification, password reset, email change). Only the
 * token's hash is stored; consuming one marks it used, so a second click fails with a
 * clear message.
 */
@Repository
class EmailTokenRepository {

	enum Purpose {

		VERIFY_EMAIL, RESET_PASSWORD, CHANGE_EMAIL

	}

	record Consumed(UUID userId, String payload) {
	}

	private final JdbcClient jdbc;

	EmailTokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Issues a token and returns it in clear; only its hash is kept. */
	String issue(UUID userId, Purpose purpose, String payload, Instant now, Duration ttl) {
		String token = TokenHashing.newToken();
		jdbc.sql("""
				INSERT INTO user_tokens (id, token_hash, user_id, purpose, payload, expires_at, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), TokenHashing.sha256(token), userId, purpose.name(), payload,
					Timestamp.from(now.plus(ttl)), Timestamp.from(now))
			.update();
		return token;
	}

	/**
	 * The user the token was issued to, if it is valid now; fails like {@link #consume}
	 * otherwise.
	 */
	UUID peekUser(String token, Purpose purpose, Instant now) {
		return valid(TokenHashing.sha256(token == null ? "" : token), purpose, now).userId();
	}

	/**
	 * Marks the token used and returns what it was issued for, or fails saying whether it
	 * is unknown, already used or expired.
	 */
	Consumed consume(String token, Purpose purpose, Instant now) {
		byte[] hash = TokenHashing.sha256(token == null ? "" : token);
		Row row = valid(hash, purpose, now);
		int updated = jdbc.sql("UPDATE user_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL")
			.params(Timestamp.from(now), hash)
			.update();
		if (updated == 0) {
			throw used();
		}
		return new Consumed(row.userId(), row.payload());
	}

	private record Row(UUID userId, String payload, Timestamp expiresAt, Timestamp usedAt) {
	}

	private Row valid(byte[] hash, Purpose purpose, Instant now) {
		Optional<Row> row = jdbc
			.sql("SELECT user_id, payload, expires_at, used_at FROM user_tokens WHERE token_hash = ? AND purpose = ?")
			.params(hash, purpose.name())
			.query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3),
					rs.getTimestamp(4)))
			.optional();
		if (row.isEmpty()) {
			throw new InvalidInputProblem(HttpStatus.NOT_FOUND, "token-invalid", "This link is not valid.");
		}
		if (row.get().usedAt() != null) {
			throw used();
		}
		if (!row.get().expiresAt().toInstant().isAfter(now)) {
			throw new InvalidInputProblem(HttpStatus.GONE, "token-expired",
					"This link has expired. Ask for a new one.");
		}
		return row.get();
	}

	private static InvalidInputProblem used() {
		return new InvalidInputProblem(HttpStatus.GONE, "token-used", "This link has already been used.");
	}

	/**
	 * Invalidates the user's outstanding tokens of a purpose (a newer one replaces them).
	 */
	void revokeOutstanding(UUID userId, Purpose purpose, Instant now) {
		jdbc.sql("UPDATE user_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL")
			.params(Timestamp.from(now), userId, purpose.name())
			.update();
	}

}
