package com.penguinmails.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class UserRepository {

	private final JdbcClient jdbc;

	UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<UserAccount> findByEmail(String email) {
		return jdbc.sql("SELECT * FROM users WHERE lower(email) = lower(?)")
			.param(email)
			.query(UserRepository::map)
			.optional();
	}

	public Optional<UserAccount> findById(UUID id) {
		return jdbc.sql("SELECT * FROM users WHERE id = ?").param(id).query(UserRepository::map).optional();
	}

	public boolean emailTaken(String email) {
		return jdbc.sql("SELECT count(*) FROM users WHERE lower(email) = lower(?)")
			.param(email)
			.query(Long.class)
			.single() > 0;
	}

	void insert(UUID id, String email, String passwordHash, String displayName, String timeZone) {
		jdbc.sql("INSERT INTO users (id, email, password_hash, display_name, time_zone) VALUES (?, ?, ?, ?, ?)")
			.params(id, email, passwordHash, displayName, timeZone)
			.update();
	}

	void markVerified(UUID id, Instant at) {
		jdbc.sql("UPDATE users SET email_verified_at = coalesce(email_verified_at, ?) WHERE id = ?")
			.params(Timestamp.from(at), id)
			.update();
	}

	void updatePassword(UUID id, String passwordHash) {
		jdbc.sql("UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE id = ?")
			.params(passwordHash, id)
			.update();
	}

	void updateProfile(UUID id, String displayName, String timeZone) {
		jdbc.sql("UPDATE users SET display_name = ?, time_zone = ? WHERE id = ?")
			.params(displayName, timeZone, id)
			.update();
	}

	void updateEmail(UUID id, String email, Instant verifiedAt) {
		jdbc.sql("UPDATE users SET email = ?, email_verified_at = ? WHERE id = ?")
			.params(email, Timestamp.from(verifiedAt), id)
			.update();
	}

	/**
	 * Counts a failed login; locks the account once {@code threshold} failures follow
	 * each other.
	 */
	int recordFailure(UUID id, int threshold, Instant lockUntil) {
		return jdbc.sql("""
				UPDATE users SET failed_logins = failed_logins + 1,
				    locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END
				WHERE id = ? RETURNING failed_logins""")
			.params(threshold, Timestamp.from(lockUntil), id)
			.query(Integer.class)
			.single();
	}

	void resetFailures(UUID id) {
		jdbc.sql("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?").param(id).update();
	}

	void setTotp(UUID id, byte[] encryptedSecret, Instant enabledAt) {
		jdbc.sql("UPDATE users SET totp_secret = ?, totp_enabled_at = ? WHERE id = ?")
			.params(encryptedSecret, enabledAt == null ? null : Timestamp.from(enabledAt), id)
			.update();
	}

	private static UserAccount map(ResultSet rs, int row) throws SQLException {
		return new UserAccount(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("password_hash"),
				rs.getString("display_name"), rs.getString("time_zone"), instant(rs, "email_verified_at"),
				rs.getBytes("totp_secret"), instant(rs, "totp_enabled_at"), rs.getInt("failed_logins"),
				instant(rs, "locked_until"), instant(rs, "created_at"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp ts = rs.getTimestamp(column);
		return ts == null ? null : ts.toInstant();
	}

}
