package com.penguinmails.crm.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of Salesforce connections beyond {@link CrmRepository}'s: what an import reads
 * (object and condition), the stored grant replaced after a refresh, and the pending
 * OAuth authorization requests ({@code crm_oauth_states}). Every tenant query takes the
 * workspace first.
 */
@Repository
public class SalesforceRepository {

	/** The CRM name in the tables. */
	public static final String CRM = "salesforce";

	/**
	 * What an import reads.
	 *
	 * @param object {@code Contact} or {@code Lead}
	 * @param condition the checked SOQL WHERE condition, or null for all records
	 */
	public record Source(String object, String condition) {
	}

	/**
	 * A pending authorization request, taken (deleted) by the callback.
	 *
	 * @param codeVerifier the RFC 7636 verifier, encrypted
	 */
	public record State(String crm, UUID workspaceId, UUID userId, byte[] codeVerifier, Instant expiresAt) {
	}

	private final JdbcClient jdbc;

	SalesforceRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The object and condition; Contact and none when never set. */
	public Source source(UUID workspaceId) {
		return jdbc.sql("""
				SELECT COALESCE(source_object, 'Contact') AS source_object, source_filter FROM crm_connections
				WHERE workspace_id = ? AND crm = ?""")
			.params(workspaceId, CRM)
			.query((rs, n) -> new Source(rs.getString("source_object"), rs.getString("source_filter")))
			.optional()
			.orElse(new Source("Contact", null));
	}

	public void saveSource(UUID workspaceId, String object, String condition) {
		jdbc.sql("UPDATE crm_connections SET source_object = ?, source_filter = ? WHERE workspace_id = ? AND crm = ?")
			.params(object, condition, workspaceId, CRM)
			.update();
	}

	/**
	 * A new connection's defaults: the list "Salesforce" and Contacts (an existing
	 * connection keeps its settings).
	 */
	public void initialise(UUID workspaceId) {
		jdbc.sql("""
				UPDATE crm_connections SET target_list = 'Salesforce', source_object = 'Contact'
				WHERE workspace_id = ? AND crm = ? AND source_object IS NULL""").params(workspaceId, CRM).update();
	}

	/** Replaces the stored grant (after a refresh), keeping the status and settings. */
	public void replaceToken(UUID workspaceId, byte[] token) {
		jdbc.sql("UPDATE crm_connections SET token = ? WHERE workspace_id = ? AND crm = ?")
			.params(token, workspaceId, CRM)
			.update();
	}

	public void saveState(byte[] stateHash, String crm, UUID workspaceId, UUID userId, byte[] codeVerifier,
			Instant expiresAt) {
		jdbc.sql("""
				INSERT INTO crm_oauth_states (state_hash, crm, workspace_id, user_id, code_verifier, expires_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(stateHash, crm, workspaceId, userId, codeVerifier, Timestamp.from(expiresAt))
			.update();
	}

	/** Takes a pending request: it is deleted, so a state is used once. */
	public Optional<State> takeState(byte[] stateHash) {
		return jdbc.sql("""
				DELETE FROM crm_oauth_states WHERE state_hash = ?
				RETURNING crm, workspace_id, user_id, code_verifier, expires_at""")
			.param(stateHash)
			.query((rs, n) -> new State(rs.getString("crm"), rs.getObject("workspace_id", UUID.class),
					rs.getObject("user_id", UUID.class), rs.getBytes("code_verifier"),
					rs.getTimestamp("expires_at").toInstant()))
			.optional();
	}

	/** Forgets the requests that expired unanswered. */
	public void deleteExpiredStates(Instant now) {
		jdbc.sql("DELETE FROM crm_oauth_states WHERE expires_at < ?").param(Timestamp.from(now)).update();
	}

}
