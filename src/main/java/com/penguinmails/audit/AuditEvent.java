package com.penguinmails.audit;

import java.time.Instant;
import java.util.UUID;

/** One line of a workspace's audit log. */
public record AuditEvent(long id, String action, UUID actorUserId, String actor, String target, String ip,
		Instant occurredAt) {
}
