package com.penguinmails.certificates.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.domains.TrackingHost;

/**
 * The SQL of {@code acme_accounts}, {@code tls_certificates} and {@code acme_challenges}
 * (V93). The certificate rows belong to the installation (the loop serves every
 * workspace); the one read a page makes ({@link #find}) takes the workspace first.
 */
@Repository
public class CertificateRepository {

	private static final String COLUMNS = "id, workspace_id, domain_id, host, status, active, not_before, not_after, "
			+ "serial, issuer, last_error, attempts, next_attempt_at";

	private final JdbcClient jdbc;

	CertificateRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A certificate row, without its chain and key. */
	public record Row(UUID id, UUID workspaceId, UUID domainId, String host, String status, boolean active,
			Instant notBefore, Instant notAfter, String serial, String issuer, String lastError, int attempts,
			Instant nextAttemptAt) {
	}

	/** What the HTTPS connector serves for a host: the chain and the encrypted key. */
	public record Served(String host, String serial, String chainPem, byte[] encryptedKey) {
	}

	/** The ACME account of a directory: its URL and its encrypted key pair. */
	record Account(String accountUrl, byte[] encryptedKey) {
	}

	Optional<Account> account(String directoryUrl) {
		return jdbc.sql("SELECT account_url, encrypted_key FROM acme_accounts WHERE directory_url = ?")
			.param(directoryUrl)
			.query((rs, i) -> new Account(rs.getString(1), rs.getBytes(2)))
			.optional();
	}

	/** Stores the account unless another node stored one first (then keeps that one). */
	void saveAccount(String directoryUrl, String accountUrl, byte[] encryptedKey) {
		jdbc.sql("""
				INSERT INTO acme_accounts (directory_url, account_url, encrypted_key) VALUES (?, ?, ?)
				ON CONFLICT (directory_url) DO NOTHING""").params(directoryUrl, accountUrl, encryptedKey).update();
	}

	void forgetAccount(String directoryUrl) {
		jdbc.sql("DELETE FROM acme_accounts WHERE directory_url = ?").param(directoryUrl).update();
	}

	/**
	 * Makes the rows match today's verified tracking hosts: a new host gets a pending row
	 * due now, a known one is active again (and follows its domain to another workspace),
	 * and a host no longer verified turns inactive (its certificate stays served until it
	 * expires, but is neither renewed nor watched).
	 */
	void sync(List<TrackingHost> hosts, Instant now) {
		for (TrackingHost host : hosts) {
			jdbc.sql("""
					INSERT INTO tls_certificates (id, workspace_id, domain_id, host, next_attempt_at)
					VALUES (?, ?, ?, ?, ?)
					ON CONFLICT (host) DO UPDATE SET active = true, workspace_id = EXCLUDED.workspace_id,
					    domain_id = EXCLUDED.domain_id
					WHERE NOT tls_certificates.active OR tls_certificates.workspace_id <> EXCLUDED.workspace_id
					    OR tls_certificates.domain_id <> EXCLUDED.domain_id""")
				.params(UUID.randomUUID(), host.workspaceId(), host.domainId(), host.host(), Timestamp.from(now))
				.update();
		}
		String names = hosts.stream().map(TrackingHost::host).collect(Collectors.joining(","));
		jdbc.sql("UPDATE tls_certificates SET active = false WHERE active AND host <> ALL (string_to_array(?, ','))")
			.param(names)
			.update();
	}

	/**
	 * Takes up to {@code limit} active rows due at {@code now}, each moved a lease ahead
	 * so no other node takes it meanwhile (SKIP LOCKED: nodes never wait for each other).
	 */
	List<Row> claimDue(Instant now, int limit, Duration lease) {
		return jdbc.sql("""
				UPDATE tls_certificates t SET next_attempt_at = ?
				FROM (SELECT id FROM tls_certificates WHERE active AND next_attempt_at <= ?
				      ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) due
				WHERE t.id = due.id RETURNING t.""" + COLUMNS.replace(", ", ", t."))
			.params(Timestamp.from(now.plus(lease)), Timestamp.from(now), limit)
			.query(CertificateRepository::row)
			.list();
	}

	/** Records a new certificate in use: its chain, encrypted key and renewal time. */
	void issued(UUID id, Issued certificate, byte[] encryptedKey, Instant renewAt, Instant now) {
		jdbc.sql("""
				UPDATE tls_certificates SET status = 'issued', chain_pem = ?, encrypted_key = ?, not_before = ?,
				    not_after = ?, serial = ?, issuer = ?, last_error = NULL, attempts = 0, next_attempt_at = ?,
				    warned_at = NULL, updated_at = ?
				WHERE id = ?""")
			.params(certificate.chainPem(), encryptedKey, Timestamp.from(certificate.notBefore()),
					Timestamp.from(certificate.notAfter()), certificate.serial(), certificate.issuer(),
					Timestamp.from(renewAt), Timestamp.from(now), id)
			.update();
	}

	/**
	 * Records a failed attempt: the reason and the next try. A host with a certificate
	 * keeps it (and its state); one without turns failed from the third failure on.
	 */
	void failed(UUID id, String error, Instant nextAttempt, Instant now) {
		jdbc.sql("""
				UPDATE tls_certificates SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
				    status = CASE WHEN status = 'issued' THEN 'issued'
				                  WHEN attempts + 1 >= 3 THEN 'failed' ELSE 'pending' END,
				    updated_at = ?
				WHERE id = ?""").params(error, Timestamp.from(nextAttempt), Timestamp.from(now), id).update();
	}

	/** The certificates to serve: every issued one not yet expired. */
	List<Served> served(Instant now) {
		return jdbc.sql("""
				SELECT host, serial, chain_pem, encrypted_key FROM tls_certificates
				WHERE status = 'issued' AND chain_pem IS NOT NULL AND not_after > ? ORDER BY host""")
			.param(Timestamp.from(now))
			.query((rs, i) -> new Served(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4)))
			.list();
	}

	/** The workspace's certificate row for {@code host}. */
	Optional<Row> find(UUID workspaceId, String host) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM tls_certificates WHERE workspace_id = ? AND host = ?")
			.params(workspaceId, host)
			.query(CertificateRepository::row)
			.optional();
	}

	/** Every active row, soonest expiry first (what the expiry check reads). */
	List<Row> watched() {
		return jdbc
			.sql("SELECT " + COLUMNS + " FROM tls_certificates WHERE active ORDER BY not_after NULLS FIRST, host")
			.query(CertificateRepository::row)
			.list();
	}

	/**
	 * The active rows needing their workspace's attention (expiring before
	 * {@code expiringBefore}, or three failures in a row) not warned about since
	 * {@code quietSince}; marks them warned at {@code now}.
	 */
	List<Row> takeWarnings(Instant now, Instant expiringBefore, Instant quietSince) {
		return jdbc.sql("""
				UPDATE tls_certificates SET warned_at = ?
				WHERE active AND ((status = 'issued' AND not_after < ?) OR attempts >= 3)
				  AND (warned_at IS NULL OR warned_at < ?)
				RETURNING\s""" + COLUMNS)
			.params(Timestamp.from(now), Timestamp.from(expiringBefore), Timestamp.from(quietSince))
			.query(CertificateRepository::row)
			.list();
	}

	/** Keeps an HTTP-01 answer (RFC 8555 §8.3) until {@code expiresAt}. */
	void putChallenge(String token, String keyAuthorization, String host, Instant expiresAt) {
		jdbc.sql("""
				INSERT INTO acme_challenges (token, key_authorization, host, expires_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (token) DO UPDATE SET key_authorization = EXCLUDED.key_authorization,
				    host = EXCLUDED.host, expires_at = EXCLUDED.expires_at""")
			.params(token, keyAuthorization, host, Timestamp.from(expiresAt))
			.update();
	}

	/** The key authorization to answer for {@code token}, while it has not expired. */
	Optional<String> challenge(String token, Instant now) {
		return jdbc.sql("SELECT key_authorization FROM acme_challenges WHERE token = ? AND expires_at > ?")
			.params(token, Timestamp.from(now))
			.query(String.class)
			.optional();
	}

	void removeChallenge(String token) {
		jdbc.sql("DELETE FROM acme_challenges WHERE token = ?").param(token).update();
	}

	void removeExpiredChallenges(Instant now) {
		jdbc.sql("DELETE FROM acme_challenges WHERE expires_at <= ?").param(Timestamp.from(now)).update();
	}

	private static Row row(ResultSet rs, int i) throws SQLException {
		return new Row(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
				rs.getObject("domain_id", UUID.class), rs.getString("host"), rs.getString("status"),
				rs.getBoolean("active"), instant(rs, "not_before"), instant(rs, "not_after"), rs.getString("serial"),
				rs.getString("issuer"), rs.getString("last_error"), rs.getInt("attempts"),
				instant(rs, "next_attempt_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

}
