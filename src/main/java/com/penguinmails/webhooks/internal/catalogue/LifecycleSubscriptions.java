package com.penguinmails.webhooks.internal.catalogue;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Whether a workspace has an enabled endpoint subscribed to a type: the lifecycle
 * listeners ask before reading what an event's data needs, so an event no endpoint wants
 * costs one query.
 */
@Repository
class LifecycleSubscriptions {

	private final JdbcClient jdbc;

	LifecycleSubscriptions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean wanted(UUID workspaceId, String type) {
		return jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM webhook_endpoints WHERE workspace_id = ? AND enabled
				    AND (? = ANY (event_types) OR '*' = ANY (event_types)))""")
			.params(workspaceId, type)
			.query(Boolean.class)
			.single();
	}

}
