package com.penguinmails.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A security-relevant action (login, 2FA change, API key, invitation, role change, member
 * removal), published for the audit log. An action of a user's own account concerns every
 * workspace the user belongs to, so it names them all.
 *
 * @param action what happened, for example {@code login.succeeded}
 * @param workspaceIds the workspaces whose audit log records it
 * @param actorUserId who did it, when known
 * @param actor the actor's email address (or the attempted one for a failed login)
 * @param target what it was done to, in words (a member's email, a key's name)
 * @param ip the client's IP address
 * @param occurredAt when
 */
public record SecurityEvent(String action, List<UUID> workspaceIds, UUID actorUserId, String actor, String target,
		String ip, Instant occurredAt) {
}
