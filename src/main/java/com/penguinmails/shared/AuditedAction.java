package com.penguinmails.shared;

import java.time.Instant;
import java.util.UUID;

/**
 * A workspace action that belongs in its audit log (a bulk change of contacts, an
 * export), published by any feature; the audit module records it after the publisher's
 * commit and names the actor from {@code actorUserId} (or "API key" / "system").
 *
 * @param workspaceId whose log records it
 * @param actorUserId who did it, or null for an API key or the system
 * @param apiKeyId the API key it came through, or null
 * @param action what happened, dotted, for example {@code contacts.bulk.tag_added}
 * @param target what it was done to, in words (at most 400 characters are kept)
 * @param occurredAt when
 */
public record AuditedAction(UUID workspaceId, UUID actorUserId, UUID apiKeyId, String action, String target,
		Instant occurredAt) {

	/** The action of the caller a tenant stands for. */
	public static AuditedAction by(Tenant tenant, String action, String target, Instant occurredAt) {
		return new AuditedAction(tenant.workspaceId(), tenant.userId(), tenant.apiKeyId(), action, target, occurredAt);
	}

}
