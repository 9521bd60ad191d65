package com.penguinmails.webhooks.internal.catalogue;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.EventType;
import com.penguinmails.webhooks.internal.CatalogueEvent;
import com.penguinmails.webhooks.internal.WebhookEventLog;

/**
 * The catalogue listeners' one way into the event log: builds the {@link CatalogueEvent}
 * with its dedupe key {@code <type>:<natural id>} and appends it (the log cuts keys to
 * its columns).
 */
@Component
class CatalogueAppender {

	private final WebhookEventLog log;

	CatalogueAppender(WebhookEventLog log) {
		this.log = log;
	}

	/**
	 * Whether any enabled endpoint of the workspace wants one of these types: when none
	 * does, an event of them would not be stored, and need not be built.
	 */
	boolean wanted(UUID workspaceId, EventType... types) {
		return log.wanted(workspaceId, java.util.Arrays.stream(types).map(EventType::type).toArray(String[]::new));
	}

	/**
	 * Appends one business event.
	 * @param naturalId what makes it one event within its type (an outbox id, an inbound
	 * message id, ...)
	 * @param orderingKey the contact's id or the lower-cased recipient address, or null
	 */
	void append(UUID workspaceId, EventType type, String naturalId, String orderingKey, Instant occurredAt,
			ObjectNode data) {
		log.append(new CatalogueEvent(workspaceId, type.type(), type.type() + ":" + naturalId, orderingKey, occurredAt,
				data));
	}

}
