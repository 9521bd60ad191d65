package com.penguinmails.tracking.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.penguinmails.delivery.Outbox;
import com.penguinmails.shared.PersonalData;

/**
 * The opens and clicks of a contact's messages, for GDPR requests: their User-Agents and
 * IP addresses are the person's data. Erasure blanks those and keeps the events (the
 * campaign's figures stay right). The contact's messages are delivery's to name
 * ({@link Outbox#messagesTo}): no join with its table.
 */
@Component
class TrackingPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	private final Outbox outbox;

	TrackingPersonalData(JdbcClient jdbc, Outbox outbox) {
		this.jdbc = jdbc;
		this.outbox = outbox;
	}

	@Override
	public String section() {
		return "tracking";
	}

	@Override
	public Map<String, Object> export(UUID workspaceId, UUID contactId) {
		List<UUID> messages = outbox.messagesTo(workspaceId, contactId);
		if (messages.isEmpty()) {
			return Map.of();
		}
		List<Map<String, Object>> events = jdbc.sql("""
				SELECT kind, url, occurred_at, user_agent, ip, machine, machine_reason, device_class, client, os
				FROM tracking_events WHERE workspace_id = ? AND outbox_id = ANY (?) ORDER BY occurred_at""")
			.params(workspaceId, messages.toArray(UUID[]::new))
			.query()
			.listOfRows();
		return events.isEmpty() ? Map.of() : Map.of("events", events);
	}

	@Override
	public void erase(UUID workspaceId, UUID contactId) {
		List<UUID> messages = outbox.messagesTo(workspaceId, contactId);
		if (messages.isEmpty()) {
			return;
		}
		jdbc.sql(
				"UPDATE tracking_events SET user_agent = NULL, ip = NULL WHERE workspace_id = ? AND outbox_id = ANY (?)")
			.params(workspaceId, messages.toArray(UUID[]::new))
			.update();
	}

	/** Before the outbox forgets which messages were the contact's. */
	@Override
	public int order() {
		return -1;
	}

}
