package com.penguinmails.tracking.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.penguinmails.shared.PersonalData;

/**
 * The opens and clicks of a contact's messages, for GDPR requests: their User-Agents and
 * IP addresses are the person's data. Erasure blanks those and keeps the events (the
 * campaign's figures stay right).
 */
@Component
class TrackingPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	TrackingPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String section() {
		return "tracking";
	}

	@Override
	public Map<String, Object> export(UUID workspaceId, UUID contactId) {
		List<Map<String, Object>> events = jdbc.sql("""
				SELECT t.kind, t.url, t.occurred_at, t.user_agent, t.ip, t.machine, t.machine_reason, t.device_class,
				    t.client, t.os
				FROM tracking_events t JOIN outbox o ON o.id = t.outbox_id
				WHERE t.workspace_id = ? AND o.workspace_id = ? AND o.contact_id = ? ORDER BY t.occurred_at""")
			.params(workspaceId, workspaceId, contactId)
			.query()
			.listOfRows();
		return events.isEmpty() ? Map.of() : Map.of("events", events);
	}

	@Override
	public void erase(UUID workspaceId, UUID contactId) {
		jdbc.sql("""
				UPDATE tracking_events t SET user_agent = NULL, ip = NULL
				FROM outbox o
				WHERE t.workspace_id = ? AND o.workspace_id = ? AND o.contact_id = ? AND o.id = t.outbox_id""")
			.params(workspaceId, workspaceId, contactId)
			.update();
	}

	/** Before the outbox forgets which messages were the contact's. */
	@Override
	public int order() {
		return -1;
	}

}
