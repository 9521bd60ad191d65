package com.penguinmails.crm.internal;

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
 * The SQL of two-way field sync: the baseline kept on each CRM link
 * ({@code crm_links.synced_values}, {@code synced_at}, {@code local_edits}) and the
 * policies per field kept on the connection ({@code crm_connections.field_policies}).
 * Every query takes the workspace first.
 */
@Repository
public class FieldSyncRepository {

	/**
	 * A CRM link and its baseline.
	 *
	 * @param synced our field name → value last agreed with the CRM (a field without a
	 * value left out), or null when no import has set a baseline yet
	 * @param localEdits our field name → when it was last edited in PenguinMails
	 */
	public record Link(String crm, String recordId, UUID contactId, Map<String, String> synced,
			Map<String, Instant> localEdits) {
	}

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	FieldSyncRepository(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The contact's links, one per CRM at most. */
	public List<Link> links(UUID workspaceId, UUID contactId) {
		return jdbc.sql("""
				SELECT crm, record_id, contact_id, synced_values::text AS synced, local_edits::text AS edits
				FROM crm_links WHERE workspace_id = ? AND contact_id = ? ORDER BY crm""")
			.params(workspaceId, contactId)
			.query((rs, n) -> link(rs.getString("crm"), rs.getString("record_id"),
					rs.getObject("contact_id", UUID.class), rs.getString("synced"), rs.getString("edits")))
			.list();
	}

	/** The link of a record, if any. */
	public Optional<Link> link(UUID workspaceId, String crm, String recordId) {
		return jdbc.sql("""
				SELECT crm, record_id, contact_id, synced_values::text AS synced, local_edits::text AS edits
				FROM crm_links WHERE workspace_id = ? AND crm = ? AND record_id = ?""")
			.params(workspaceId, crm, recordId)
			.query((rs, n) -> link(rs.getString("crm"), rs.getString("record_id"),
					rs.getObject("contact_id", UUID.class), rs.getString("synced"), rs.getString("edits")))
			.optional();
	}

	/** Replaces the record's baseline. */
	public void saveBaseline(UUID workspaceId, String crm, String recordId, Map<String, String> values, Instant now) {
		jdbc.sql("""
				UPDATE crm_links SET synced_values = ?::jsonb, synced_at = ?
				WHERE workspace_id = ? AND crm = ? AND record_id = ?""")
			.params(write(values), Timestamp.from(now), workspaceId, crm, recordId)
			.update();
	}

	/**
	 * Moves some fields of the baseline (a field → null: no value) and adds local edit
	 * times, on a link that has a baseline.
	 */
	public void moveBaseline(UUID workspaceId, String crm, String recordId, Map<String, String> values,
			Map<String, Instant> edits, Instant now) {
		Map<String, String> times = new LinkedHashMap<>();
		edits.forEach((field, at) -> times.put(field, at.toString()));
		jdbc.sql("""
				UPDATE crm_links
				SET synced_values = jsonb_strip_nulls(synced_values || ?::jsonb), local_edits = local_edits || ?::jsonb,
				    synced_at = CASE WHEN ?::jsonb = '{}'::jsonb THEN synced_at ELSE ? END
				WHERE workspace_id = ? AND crm = ? AND record_id = ? AND synced_values IS NOT NULL""")
			.params(write(values), write(times), write(values), Timestamp.from(now), workspaceId, crm, recordId)
			.update();
	}

	/** Our field name → policy value, as stored (empty when not connected). */
	public Map<String, String> policies(UUID workspaceId, String crm) {
		return jdbc.sql("SELECT field_policies::text FROM crm_connections WHERE workspace_id = ? AND crm = ?")
			.params(workspaceId, crm)
			.query(String.class)
			.optional()
			.map(this::strings)
			.orElse(Map.of());
	}

	public void savePolicies(UUID workspaceId, String crm, Map<String, String> policies) {
		jdbc.sql("UPDATE crm_connections SET field_policies = ?::jsonb WHERE workspace_id = ? AND crm = ?")
			.params(write(policies), workspaceId, crm)
			.update();
	}

	private Link link(String crm, String recordId, UUID contactId, String synced, String edits) {
		Map<String, Instant> times = new LinkedHashMap<>();
		strings(edits).forEach((field, at) -> times.put(field, Instant.parse(at)));
		return new Link(crm, recordId, contactId, synced == null ? null : strings(synced), times);
	}

	private Map<String, String> strings(String text) {
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

}
