package com.penguinmails.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every login attempt: the user's login activity, and the input of the per-IP CAPTCHA
 * rule.
 */
@Repository
public class LoginAttemptRepository {

	public record LoginAttempt(Instant at, String ip, String userAgent, boolean success, String reason) {
	}

	private final JdbcClient jdbc;

	LoginAttemptRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void record(UUID userId, String email, LoginDetails details, boolean success, String reason, Instant at) {
		jdbc.sql("""
				INSERT INTO login_attempts (user_id, email, ip, user_agent, success, reason, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(userId, email.length() > 320 ? email.substring(0, 320) : email, details.ip(), details.userAgent(),
					success, reason, Timestamp.from(at))
			.update();
	}

	/** Failures from this IP since its last success, within the window. */
	int recentFailuresFromIp(String ip, Instant since) {
		return jdbc.sql("""
				SELECT count(*) FROM login_attempts
				WHERE ip = ? AND NOT success AND created_at > greatest(?, coalesce(
				    (SELECT max(created_at) FROM login_attempts WHERE ip = ? AND success), ?))""")
			.params(ip, Timestamp.from(since), ip, Timestamp.from(since))
			.query(Integer.class)
			.single();
	}

	public List<LoginAttempt> recentForUser(UUID userId, int limit) {
		return jdbc.sql("""
				SELECT created_at, ip, user_agent, success, reason FROM login_attempts
				WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?""")
			.params(userId, limit)
			.query((rs, i) -> new LoginAttempt(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
					rs.getBoolean(4), rs.getString(5)))
			.list();
	}

}
