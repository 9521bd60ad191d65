package com.penguinmails.webhooks.internal;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One business event of the catalogue, before it is stored: what
 * {@link WebhookEventLog#append} takes.
 *
 * @param workspaceId the workspace it happened in
 * @param type the catalogue type, dotted lower case ({@code "message.bounced"})
 * @param dedupeKey what makes it one business event: the same key twice in a workspace is
 * stored once ({@code "message.bounced:" + outboxId}); cut to 300 characters when stored
 * @param orderingKey deliveries with the same key to one endpoint go out in the order
 * they were appended (a contact's id, or the recipient address); null when order does not
 * matter
 * @param occurredAt when it happened
 * @param data the event's {@code data} object, shaped by the type's JSON Schema
 */
public record CatalogueEvent(UUID workspaceId, String type, String dedupeKey, String orderingKey, Instant occurredAt,
		ObjectNode data) {
}
