package com.penguinmails.domains.internal;

import java.net.IDN;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.domains.DkimKeyStatus;
import com.penguinmails.domains.Domain;
import com.penguinmails.domains.DomainStatus;

/** Domains and their DKIM keys; every query takes the workspace id first. */
@Repository
class DomainRepository {

	record DkimKey(UUID id, String selector, String publicKey, DkimKeyStatus status, Instant createdAt,
			Instant retireAfter) {
	}

	private static final String SELECT = """
			SELECT d.*, k.selector FROM domains d
			LEFT JOIN dkim_keys k ON k.domain_id = d.id AND k.status = 'active'
			""";

	private final JdbcClient jdbc;

	DomainRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<UUID> holder(String name) {
		return jdbc.sql("SELECT workspace_id FROM domains WHERE name = ?").param(name).query(UUID.class).optional();
	}

	void deleteByName(UUID workspaceId, String name) {
		jdbc.sql("DELETE FROM domains WHERE workspace_id = ? AND name = ?").params(workspaceId, name).update();
	}

	boolean nameTaken(String name) {
		return jdbc.sql("SELECT count(*) FROM domains WHERE name = ?").param(name).query(Long.class).single() > 0;
	}

	void insert(UUID workspaceId, UUID id, String name, boolean receivesMail, String mxHosts, String spfMechanisms,
			String ownershipToken, Instant now) {
		jdbc.sql(
				"""
						INSERT INTO domains (id, workspace_id, name, receives_mail, mx_hosts, spf_mechanisms, ownership_token, created_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, workspaceId, name, receivesMail, mxHosts, spfMechanisms, ownershipToken, Timestamp.from(now))
			.update();
	}

	void insertKey(UUID workspaceId, UUID domainId, UUID keyId, String selector, DkimKeys.GeneratedKey key,
			DkimKeyStatus status, Instant now) {
		jdbc.sql(
				"""
						INSERT INTO dkim_keys (id, workspace_id, domain_id, selector, public_key, private_key, status, created_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(keyId, workspaceId, domainId, selector, key.publicKey(), key.encryptedPrivateKey(), status.value(),
					Timestamp.from(now))
			.update();
	}

	/** The keys still in DNS (active, pending, retiring), active first. */
	List<DkimKey> liveKeys(UUID workspaceId, UUID domainId) {
		return jdbc.sql("""
				SELECT id, selector, public_key, status, created_at, retire_after FROM dkim_keys
				WHERE workspace_id = ? AND domain_id = ? AND status <> 'retired'
				ORDER BY CASE status WHEN 'active' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END, created_at""")
			.params(workspaceId, domainId)
			.query((rs, i) -> new DkimKey(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					DkimKeyStatus.of(rs.getString(4)), rs.getTimestamp(5).toInstant(), instant(rs, "retire_after")))
			.list();
	}

	record ActiveKey(UUID id, String selector, byte[] encryptedPrivateKey) {
	}

	/** The key that signs mail of the workspace's domain {@code name}, if any. */
	Optional<ActiveKey> activeKey(UUID workspaceId, String name) {
		return jdbc.sql("""
				SELECT k.id, k.selector, k.private_key FROM dkim_keys k JOIN domains d ON d.id = k.domain_id
				WHERE k.workspace_id = ? AND d.workspace_id = ? AND d.name = ? AND k.status = 'active'""")
			.params(workspaceId, workspaceId, name)
			.query((rs, i) -> new ActiveKey(rs.getObject(1, UUID.class), rs.getString(2), rs.getBytes(3)))
			.optional();
	}

	boolean selectorUsed(UUID domainId, String selector) {
		return jdbc.sql("SELECT count(*) FROM dkim_keys WHERE domain_id = ? AND selector = ?")
			.params(domainId, selector)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * The pending key becomes active; the active one keeps its record until
	 * {@code retireAfter}.
	 */
	void promote(UUID workspaceId, UUID domainId, UUID pendingId, Instant retireAfter) {
		jdbc.sql("""
				UPDATE dkim_keys SET status = 'retiring', retire_after = ?
				WHERE workspace_id = ? AND domain_id = ? AND status = 'active'""")
			.params(Timestamp.from(retireAfter), workspaceId, domainId)
			.update();
		jdbc.sql("UPDATE dkim_keys SET status = 'active' WHERE workspace_id = ? AND id = ? AND status = 'pending'")
			.params(workspaceId, pendingId)
			.update();
	}

	int retireDue(UUID workspaceId, UUID domainId, Instant now) {
		return jdbc.sql("""
				UPDATE dkim_keys SET status = 'retired', retired_at = ?
				WHERE workspace_id = ? AND domain_id = ? AND status = 'retiring' AND retire_after <= ?""")
			.params(Timestamp.from(now), workspaceId, domainId, Timestamp.from(now))
			.update();
	}

	List<Domain> list(UUID workspaceId) {
		return jdbc.sql(SELECT + " WHERE d.workspace_id = ? ORDER BY d.name")
			.param(workspaceId)
			.query(DomainRepository::map)
			.list();
	}

	Optional<Domain> find(UUID workspaceId, UUID id) {
		return jdbc.sql(SELECT + " WHERE d.workspace_id = ? AND d.id = ?")
			.params(workspaceId, id)
			.query(DomainRepository::map)
			.optional();
	}

	String ownershipToken(UUID workspaceId, UUID domainId) {
		return jdbc.sql("SELECT ownership_token FROM domains WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, domainId)
			.query(String.class)
			.single();
	}

	void recordCheck(UUID workspaceId, UUID domainId, DomainStatus status, String resultsJson, Instant now,
			boolean verified, Instant nextCheck) {
		jdbc.sql("""
				UPDATE domains SET status = ?, last_results = ?::jsonb, last_checked_at = ?,
				    last_verified_at = CASE WHEN ? THEN ? ELSE last_verified_at END, next_check_at = ?
				WHERE workspace_id = ? AND id = ?""")
			.params(status.value(), resultsJson, Timestamp.from(now), verified, Timestamp.from(now),
					Timestamp.from(nextCheck), workspaceId, domainId)
			.update();
	}

	List<DomainStore.DueDomain> claimDue(int limit, java.time.Duration lease) {
		return jdbc.sql("""
				UPDATE domains d SET next_check_at = now() + ?::interval
				FROM (SELECT id FROM domains WHERE next_check_at <= now() ORDER BY next_check_at LIMIT ?
				      FOR UPDATE SKIP LOCKED) due
				WHERE d.id = due.id RETURNING d.workspace_id, d.id""")
			.params(lease.toSeconds() + " seconds", limit)
			.query((rs, i) -> new DomainStore.DueDomain(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
			.list();
	}

	Optional<String> lastResults(UUID workspaceId, UUID domainId) {
		return jdbc.sql(
				"SELECT last_results::text FROM domains WHERE workspace_id = ? AND id = ? AND last_results IS NOT NULL")
			.params(workspaceId, domainId)
			.query(String.class)
			.optional();
	}

	/**
	 * What a stored verification holds when the tracking CNAME was found (RecordCheck as
	 * JSON).
	 */
	private static final String TRACKING_OK = "[{\"purpose\": \"tracking\", \"status\": \"ok\"}]";

	/**
	 * Whether the workspace's domain {@code name} had its tracking CNAME ok at its last
	 * check.
	 */
	boolean trackingVerified(UUID workspaceId, String name) {
		return jdbc.sql("SELECT count(*) FROM domains WHERE workspace_id = ? AND name = ? AND last_results @> ?::jsonb")
			.params(workspaceId, name, TRACKING_OK)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * The workspace holding the domain {@code name} when its tracking CNAME was ok at its
	 * last check (a name is held by one workspace).
	 */
	Optional<UUID> trackingOwner(String name) {
		return jdbc.sql("SELECT workspace_id FROM domains WHERE name = ? AND last_results @> ?::jsonb")
			.params(name, TRACKING_OK)
			.query(UUID.class)
			.optional();
	}

	/** A domain whose tracking CNAME was ok at its last check. */
	record TrackedDomain(UUID workspaceId, UUID domainId, String name) {
	}

	/** Every domain of the installation whose tracking CNAME was ok at its last check. */
	List<TrackedDomain> trackingHosts() {
		return jdbc.sql("SELECT workspace_id, id, name FROM domains WHERE last_results @> ?::jsonb ORDER BY name")
			.param(TRACKING_OK)
			.query((rs, i) -> new TrackedDomain(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getString(3)))
			.list();
	}

	void recordBlocklists(UUID workspaceId, UUID domainId, String resultsJson, Instant now) {
		jdbc.sql(
				"UPDATE domains SET last_blocklists = ?::jsonb, last_blocklists_at = ? WHERE workspace_id = ? AND id = ?")
			.params(resultsJson, Timestamp.from(now), workspaceId, domainId)
			.update();
	}

	Optional<String> lastBlocklists(UUID workspaceId, UUID domainId) {
		return jdbc.sql(
				"SELECT last_blocklists::text FROM domains WHERE workspace_id = ? AND id = ? AND last_blocklists IS NOT NULL")
			.params(workspaceId, domainId)
			.query(String.class)
			.optional();
	}

	void move(UUID fromWorkspaceId, UUID domainId, UUID toWorkspaceId) {
		jdbc.sql("UPDATE dkim_keys SET workspace_id = ? WHERE workspace_id = ? AND domain_id = ?")
			.params(toWorkspaceId, fromWorkspaceId, domainId)
			.update();
		jdbc.sql("UPDATE domains SET workspace_id = ? WHERE workspace_id = ? AND id = ?")
			.params(toWorkspaceId, fromWorkspaceId, domainId)
			.update();
	}

	record DnsUpdate(String server, String zone, String keyName, String algorithm, byte[] secret) {
	}

	void saveDnsUpdate(UUID workspaceId, UUID domainId, String server, String zone, String keyName, String algorithm,
			byte[] secret) {
		jdbc.sql("""
				UPDATE domains SET dns_update_server = ?, dns_update_zone = ?, tsig_key_name = ?, tsig_algorithm = ?,
				    tsig_secret = coalesce(?, tsig_secret)
				WHERE workspace_id = ? AND id = ?""")
			.params(server, zone, keyName, algorithm, secret, workspaceId, domainId)
			.update();
	}

	Optional<DnsUpdate> dnsUpdate(UUID workspaceId, UUID domainId) {
		return jdbc.sql("""
				SELECT dns_update_server, dns_update_zone, tsig_key_name, tsig_algorithm, tsig_secret FROM domains
				WHERE workspace_id = ? AND id = ? AND dns_update_server IS NOT NULL""")
			.params(workspaceId, domainId)
			.query((rs, i) -> new DnsUpdate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getBytes(5)))
			.optional();
	}

	void markPublished(UUID workspaceId, UUID domainId, Instant now) {
		jdbc.sql("UPDATE domains SET last_published_at = ? WHERE workspace_id = ? AND id = ?")
			.params(Timestamp.from(now), workspaceId, domainId)
			.update();
	}

	int delete(UUID workspaceId, UUID domainId) {
		return jdbc.sql("DELETE FROM domains WHERE workspace_id = ? AND id = ?").params(workspaceId, domainId).update();
	}

	private static Domain map(ResultSet rs, int row) throws SQLException {
		String name = rs.getString("name");
		return new Domain(rs.getObject("id", UUID.class), name, IDN.toUnicode(name), rs.getBoolean("receives_mail"),
				rs.getString("mx_hosts"), rs.getString("spf_mechanisms"), DomainStatus.of(rs.getString("status")),
				rs.getString("selector"), rs.getTimestamp("created_at").toInstant(), instant(rs, "last_checked_at"),
				instant(rs, "last_verified_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp ts = rs.getTimestamp(column);
		return ts == null ? null : ts.toInstant();
	}

}
