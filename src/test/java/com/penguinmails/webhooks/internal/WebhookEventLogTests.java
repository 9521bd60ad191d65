package com.penguinmails.webhooks.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event is stored once per dedupe key, only when an enabled endpoint wants its type,
 * with one delivery per such endpoint.
 */
@IntegrationTest
class WebhookEventLogTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	WebhookEventLog events;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ObjectMapper json;

	@Test
	void storesOnceAndFansOutToEndpointsThatWantTheType() {
		UUID workspace = fixtures.verifiedAccount("webhook-event-log").workspaceId();
		CatalogueEvent bounced = new CatalogueEvent(workspace, "message.bounced", "message.bounced:1", "contact-1",
				Instant.parse("2026-12-01T10:00:00Z"), json.createObjectNode().put("reason", "mailbox_full"));
		assertThat(events.append(bounced)).as("no endpoint wants it").isEmpty();

		UUID all = endpoint(workspace, "*", true);
		UUID bounces = endpoint(workspace, "message.bounced", true);
		endpoint(workspace, "message.opened", true);
		endpoint(workspace, "message.bounced", false);
		assertThat(events.append(bounced)).isPresent();
		assertThat(events.append(bounced)).as("the same business event twice").isEmpty();

		assertThat(jdbc.sql("SELECT endpoint_id FROM webhook_deliveries WHERE workspace_id = ? AND status = 'pending'")
			.param(workspace)
			.query(UUID.class)
			.list()).containsExactlyInAnyOrder(all, bounces);
		assertThat(jdbc.sql("SELECT payload ->> 'type' FROM webhook_events WHERE workspace_id = ?")
			.param(workspace)
			.query(String.class)
			.single()).isEqualTo("message.bounced");
	}

	private UUID endpoint(UUID workspace, String type, boolean enabled) {
		UUID id = UUID.randomUUID();
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.sql("""
				INSERT INTO webhook_endpoints (id, workspace_id, url, event_types, enabled, created_at, updated_at)
				VALUES (?, ?, 'https://example.com/hook', ARRAY[?], ?, ?, ?)
				""").params(id, workspace, type, enabled, now, now).update();
		return id;
	}

}
