package com.penguinmails.reputation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A throttling decision on a sending path was taken (automatically from provider signals,
 * by a recovery step, or by a person's override) and is in force.
 *
 * @param path the path's recipient side: a provider's value or, for another receiver, its
 * domain
 * @param perHour the most messages an hour on the path now (0 while suspended)
 * @param suspendedUntil when a suspension ends, or null
 * @param signals the provider signals counted for it (0 for recovery steps and overrides)
 * @param evidence the receivers' replies it rests on, latest first (at most 10)
 * @param decidedBy the user who overrode, or null for an automatic decision
 */
public record ThrottleDecided(UUID workspaceId, UUID decisionId, UUID mailboxId, String email,
		RecipientProvider provider, String path, ThrottleAction action, PathState state, int perHour,
		Instant suspendedUntil, String reason, int signals, List<String> evidence, UUID decidedBy, Instant at) {
}
