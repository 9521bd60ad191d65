package com.penguinmails.domains.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.domains.DomainClaim;

/** The {@code domain_claims} table; every query takes the workspace id first. */
@Repository
public class DomainClaimRepository {

	private final JdbcClient jdbc;

	DomainClaimRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores a claim of the workspace on {@code name}, to be proved by {@code token}. */
	public void insert(UUID workspaceId, UUID id, String name, String token, Instant now) {
		jdbc.sql("INSERT INTO domain_claims (id, workspace_id, name, token, created_at) VALUES (?, ?, ?, ?, ?)")
			.params(id, workspaceId, name, token, Timestamp.from(now))
			.update();
	}

	/** The workspace's claims, newest first. */
	public List<DomainClaim> list(UUID workspaceId) {
		return jdbc.sql("SELECT * FROM domain_claims WHERE workspace_id = ? ORDER BY created_at DESC")
			.param(workspaceId)
			.query(DomainClaimRepository::claim)
			.list();
	}

	public Optional<DomainClaim> find(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT * FROM domain_claims WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.query(DomainClaimRepository::claim)
			.optional();
	}

	/** The claim succeeded: the domain {@code domainId} is now the claimant's. */
	public void complete(UUID workspaceId, UUID id, UUID domainId, Instant now) {
		jdbc.sql("UPDATE domain_claims SET completed_at = ?, domain_id = ? WHERE workspace_id = ? AND id = ?")
			.params(Timestamp.from(now), domainId, workspaceId, id)
			.update();
	}

	/**
	 * A claim as users see it: the TXT record to publish is
	 * {@code _penguinmails.<name> "penguinmails-verification=<token>"}.
	 */
	private static DomainClaim claim(ResultSet rs, int row) throws SQLException {
		String name = rs.getString("name");
		Timestamp completed = rs.getTimestamp("completed_at");
		return new DomainClaim(rs.getObject("id", UUID.class), name, "_penguinmails." + name,
				"penguinmails-verification=" + rs.getString("token"), rs.getTimestamp("created_at").toInstant(),
				completed == null ? null : completed.toInstant(), rs.getObject("domain_id", UUID.class));
	}

}
