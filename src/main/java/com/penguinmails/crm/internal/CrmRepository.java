package com.penguinmails.crm.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the {@code crm} feature: connections (the token stays encrypted here), the
 * links from CRM record ids to contacts, and the sync log. Every query takes the
 * workspace first.
 */
@Repository
public class CrmRepository {

	/**
	 * A connection row.
	 *
	 * @param token the token encrypted with {@code shared.Secrets}
	 * @param fieldMap CRM property → our custom field (empty when none, or unreadable)
	 * @param importEvery {@code off}, {@code hourly} or {@code daily}
	 * @param kind {@code token} (a private app token in {@code token}) or {@code oauth}
	 * ({@code token} holds the access token)
	 * @param refreshToken the OAuth refresh token encrypted, null for a private app token
	 * @param accessExpiresAt when the OAuth access token ends, null for a private app
	 * token
	 * @param account the HubSpot account (hub id) an OAuth app was installed in, or null
	 */
	public record ConnectionRow(UUID workspaceId, String crm, byte[] token, String tokenHint, String status,
			String message, String targetList, String sourceListId, Map<String, String> fieldMap, String importEvery,
			Instant nextImportAt, Instant connectedAt, Instant lastImportAt, String kind, byte[] refreshToken,
			Instant accessExpiresAt, String account) {

		/**
		 * Whether the connection is an OAuth app's (refreshed, revoked on disconnect).
		 */
		public boolean oauth() {
			return "oauth".equals(kind);
		}

	}

	/** A run of the sync log. */
	public record RunRow(UUID id, String crm, String source, String status, String message, int pages, int created,
			int updated, int unchanged, int skipped, Instant startedAt, Instant finishedAt) {
	}

	/** What happened to one record in a run. */
	public record EntryRow(int seq, String recordId, String email, String outcome, String reason) {
	}

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	CrmRepository(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public Optional<ConnectionRow> connection(UUID workspaceId, String crm) {
		return jdbc.sql("""
				SELECT workspace_id, crm, token, token_hint, status, message, target_list, source_list_id,
				       field_map::text AS field_map, import_every, next_import_at, connected_at, last_import_at,
				       kind, refresh_token, access_expires_at, account
				FROM crm_connections WHERE workspace_id = ? AND crm = ?""")
			.params(workspaceId, crm)
			.query(this::connectionRow)
			.optional();
	}

	/**
	 * The connection, its row locked until the caller's transaction ends
	 * ({@code SELECT … FOR UPDATE}): one node at a time refreshes an OAuth token.
	 */
	public Optional<ConnectionRow> lockConnection(UUID workspaceId, String crm) {
		return jdbc.sql("""
				SELECT workspace_id, crm, token, token_hint, status, message, target_list, source_list_id,
				       field_map::text AS field_map, import_every, next_import_at, connected_at, last_import_at,
				       kind, refresh_token, access_expires_at, account
				FROM crm_connections WHERE workspace_id = ? AND crm = ? FOR UPDATE""")
			.params(workspaceId, crm)
			.query(this::connectionRow)
			.optional();
	}

	/**
	 * Stores (or replaces) an OAuth app's tokens, encrypted, and the account they belong
	 * to; the import settings of an earlier connection stay.
	 */
	public void saveOAuth(UUID workspaceId, String crm, byte[] accessToken, byte[] refreshToken,
			Instant accessExpiresAt, String account, Instant now) {
		jdbc.sql("""
				INSERT INTO crm_connections (workspace_id, crm, token, token_hint, status, connected_at, kind,
				                             refresh_token, access_expires_at, account)
				VALUES (?, ?, ?, '', 'connected', ?, 'oauth', ?, ?, ?)
				ON CONFLICT (workspace_id, crm) DO UPDATE
				SET token = EXCLUDED.token, token_hint = '', status = 'connected', message = NULL,
				    connected_at = EXCLUDED.connected_at, kind = 'oauth', refresh_token = EXCLUDED.refresh_token,
				    access_expires_at = EXCLUDED.access_expires_at, account = EXCLUDED.account""")
			.params(workspaceId, crm, accessToken, Timestamp.from(now), refreshToken, Timestamp.from(accessExpiresAt),
					account)
			.update();
	}

	/** Keeps a refreshed OAuth access token (and the refresh token HubSpot answered). */
	public void saveRefreshed(UUID workspaceId, String crm, byte[] accessToken, byte[] refreshToken,
			Instant accessExpiresAt) {
		jdbc.sql("""
				UPDATE crm_connections SET token = ?, refresh_token = ?, access_expires_at = ?
				WHERE workspace_id = ? AND crm = ? AND kind = 'oauth'""")
			.params(accessToken, refreshToken, Timestamp.from(accessExpiresAt), workspaceId, crm)
			.update();
	}

	public void saveToken(UUID workspaceId, String crm, byte[] token, String hint, Instant now) {
		jdbc.sql("""
				INSERT INTO crm_connections (workspace_id, crm, token, token_hint, status, connected_at)
				VALUES (?, ?, ?, ?, 'connected', ?)
				ON CONFLICT (workspace_id, crm) DO UPDATE
				SET token = EXCLUDED.token, token_hint = EXCLUDED.token_hint, status = 'connected', message = NULL,
				    connected_at = EXCLUDED.connected_at, kind = 'token', refresh_token = NULL,
				    access_expires_at = NULL, account = NULL""")
			.params(workspaceId, crm, token, hint, Timestamp.from(now))
			.update();
	}

	public void saveSettings(UUID workspaceId, String crm, String targetList, String sourceListId,
			Map<String, String> fieldMap, String importEvery, Instant nextImportAt) {
		jdbc.sql("""
				UPDATE crm_connections SET target_list = ?, source_list_id = ?, field_map = ?::jsonb, import_every = ?,
				       next_import_at = ?
				WHERE workspace_id = ? AND crm = ?""")
			.params(targetList, sourceListId, write(fieldMap), importEvery,
					nextImportAt == null ? null : Timestamp.from(nextImportAt), workspaceId, crm)
			.update();
	}

	public void markStatus(UUID workspaceId, String crm, String status, String message) {
		jdbc.sql("UPDATE crm_connections SET status = ?, message = ? WHERE workspace_id = ? AND crm = ?")
			.params(status, message, workspaceId, crm)
			.update();
	}

	public boolean delete(UUID workspaceId, String crm) {
		return jdbc.sql("DELETE FROM crm_connections WHERE workspace_id = ? AND crm = ?")
			.params(workspaceId, crm)
			.update() > 0;
	}

	/**
	 * Claims the connection for one import until {@code until}: false when another import
	 * holds it.
	 */
	public boolean claim(UUID workspaceId, String crm, Instant now, Instant until) {
		return jdbc.sql("""
				UPDATE crm_connections SET importing_until = ?
				WHERE workspace_id = ? AND crm = ? AND (importing_until IS NULL OR importing_until < ?)""")
			.params(Timestamp.from(until), workspaceId, crm, Timestamp.from(now))
			.update() > 0;
	}

	public void release(UUID workspaceId, String crm, Instant finished, Instant nextImportAt) {
		jdbc.sql("""
				UPDATE crm_connections SET importing_until = NULL, last_import_at = ?, next_import_at = ?
				WHERE workspace_id = ? AND crm = ?""")
			.params(Timestamp.from(finished), nextImportAt == null ? null : Timestamp.from(nextImportAt), workspaceId,
					crm)
			.update();
	}

	/** Lets go of the lease without touching the import schedule (after an export). */
	public void releaseLease(UUID workspaceId, String crm) {
		jdbc.sql("UPDATE crm_connections SET importing_until = NULL WHERE workspace_id = ? AND crm = ?")
			.params(workspaceId, crm)
			.update();
	}

	/**
	 * Workspaces whose scheduled import is due, at most 20: connected or failing ones (a
	 * failing one is tried again at its next time), never an expired one.
	 */
	public List<UUID> due(String crm, Instant now) {
		return jdbc.sql("""
				SELECT workspace_id FROM crm_connections
				WHERE crm = ? AND status <> 'expired' AND import_every <> 'off' AND next_import_at <= ?
				  AND (importing_until IS NULL OR importing_until < ?)
				ORDER BY next_import_at LIMIT 20""")
			.params(crm, Timestamp.from(now), Timestamp.from(now))
			.query(UUID.class)
			.list();
	}

	public Optional<UUID> linkedContact(UUID workspaceId, String crm, String recordId) {
		return jdbc.sql("SELECT contact_id FROM crm_links WHERE workspace_id = ? AND crm = ? AND record_id = ?")
			.params(workspaceId, crm, recordId)
			.query(UUID.class)
			.optional();
	}

	/**
	 * Links the record to the contact (a contact keeps one record per CRM: the newest); a
	 * record linked anew starts without a field sync baseline.
	 */
	public void link(UUID workspaceId, String crm, String recordId, UUID contactId, Instant now) {
		jdbc.sql("DELETE FROM crm_links WHERE workspace_id = ? AND crm = ? AND contact_id = ?")
			.params(workspaceId, crm, contactId)
			.update();
		jdbc.sql("""
				INSERT INTO crm_links (workspace_id, crm, record_id, contact_id, linked_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (workspace_id, crm, record_id) DO UPDATE SET contact_id = EXCLUDED.contact_id,
				    synced_values = NULL, synced_at = NULL, local_edits = '{}'""")
			.params(workspaceId, crm, recordId, contactId, Timestamp.from(now))
			.update();
	}

	/** The record id the contact came from, if any. */
	public Optional<String> recordOf(UUID workspaceId, String crm, UUID contactId) {
		return jdbc.sql("SELECT record_id FROM crm_links WHERE workspace_id = ? AND crm = ? AND contact_id = ?")
			.params(workspaceId, crm, contactId)
			.query(String.class)
			.optional();
	}

	public void startRun(UUID workspaceId, UUID runId, String crm, String source, Instant now) {
		jdbc.sql("""
				INSERT INTO crm_sync_runs (id, workspace_id, crm, source, status, started_at)
				VALUES (?, ?, ?, ?, 'running', ?)""")
			.params(runId, workspaceId, crm, source, Timestamp.from(now))
			.update();
	}

	public void progress(UUID workspaceId, UUID runId, int pages, int created, int updated, int unchanged,
			int skipped) {
		jdbc.sql("""
				UPDATE crm_sync_runs SET pages = ?, created = ?, updated = ?, unchanged = ?, skipped = ?
				WHERE workspace_id = ? AND id = ?""")
			.params(pages, created, updated, unchanged, skipped, workspaceId, runId)
			.update();
	}

	public void finishRun(UUID workspaceId, UUID runId, String status, String message, Instant now) {
		jdbc.sql("UPDATE crm_sync_runs SET status = ?, message = ?, finished_at = ? WHERE workspace_id = ? AND id = ?")
			.params(status, message, Timestamp.from(now), workspaceId, runId)
			.update();
	}

	public void entry(UUID workspaceId, UUID runId, int seq, String recordId, String email, String outcome,
			String reason) {
		jdbc.sql("""
				INSERT INTO crm_sync_entries (run_id, seq, workspace_id, record_id, email, outcome, reason)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(runId, seq, workspaceId, recordId, email == null ? null : cut(email, 320), outcome, reason)
			.update();
	}

	public List<RunRow> runs(UUID workspaceId, String crm, int limit) {
		return jdbc.sql("""
				SELECT id, crm, source, status, message, pages, created, updated, unchanged, skipped, started_at,
				       finished_at
				FROM crm_sync_runs WHERE workspace_id = ? AND crm = ? ORDER BY started_at DESC LIMIT ?""")
			.params(workspaceId, crm, limit)
			.query(CrmRepository::runRow)
			.list();
	}

	public Optional<RunRow> run(UUID workspaceId, UUID runId) {
		return jdbc.sql("""
				SELECT id, crm, source, status, message, pages, created, updated, unchanged, skipped, started_at,
				       finished_at
				FROM crm_sync_runs WHERE workspace_id = ? AND id = ?""")
			.params(workspaceId, runId)
			.query(CrmRepository::runRow)
			.optional();
	}

	public List<EntryRow> entries(UUID workspaceId, UUID runId, int limit) {
		return jdbc.sql("""
				SELECT seq, record_id, email, outcome, reason FROM crm_sync_entries
				WHERE workspace_id = ? AND run_id = ? ORDER BY seq LIMIT ?""")
			.params(workspaceId, runId, limit)
			.query((rs, n) -> new EntryRow(rs.getInt("seq"), rs.getString("record_id"), rs.getString("email"),
					rs.getString("outcome"), rs.getString("reason")))
			.list();
	}

	private static String cut(String text, int max) {
		return text.length() > max ? text.substring(0, max) : text;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp ts = rs.getTimestamp(column);
		return ts == null ? null : ts.toInstant();
	}

	private ConnectionRow connectionRow(ResultSet rs, int n) throws SQLException {
		return new ConnectionRow(rs.getObject("workspace_id", UUID.class), rs.getString("crm"), rs.getBytes("token"),
				rs.getString("token_hint"), rs.getString("status"), rs.getString("message"),
				rs.getString("target_list"), rs.getString("source_list_id"), read(rs.getString("field_map")),
				rs.getString("import_every"), instant(rs, "next_import_at"), instant(rs, "connected_at"),
				instant(rs, "last_import_at"), rs.getString("kind"), rs.getBytes("refresh_token"),
				instant(rs, "access_expires_at"), rs.getString("account"));
	}

	private Map<String, String> read(String text) {
		try {
			return text == null ? Map.of() : json.readValue(text, new TypeReference<LinkedHashMap<String, String>>() {
			});
		}
		catch (JsonProcessingException ex) {
			return Map.of();
		}
	}

	private String write(Map<String, String> map) {
		try {
			return json.writeValueAsString(map);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RunRow runRow(ResultSet rs, int n) throws SQLException {
		return new RunRow(rs.getObject("id", UUID.class), rs.getString("crm"), rs.getString("source"),
				rs.getString("status"), rs.getString("message"), rs.getInt("pages"), rs.getInt("created"),
				rs.getInt("updated"), rs.getInt("unchanged"), rs.getInt("skipped"), instant(rs, "started_at"),
				instant(rs, "finished_at"));
	}

}
