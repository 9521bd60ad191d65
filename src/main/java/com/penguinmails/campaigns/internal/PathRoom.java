package com.penguinmails.campaigns.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.penguinmails.delivery.SendingPaths.PathLimit;

/**
 * The limited sending paths (one mailbox to one recipient provider) while a batch is
 * planned: whether a mailbox may send one more to a recipient domain, and not before
 * when. A suspended path takes nothing; a slowed one takes at most its hourly rate,
 * counted over the recipient domains of the batch that share the path, with its gap
 * between messages. Paths without a limit are not here and always allow.
 */
final class PathRoom {

	private final Map<UUID, Map<String, PathLimit>> limits = new HashMap<>();

	private final Map<String, Instant> next = new HashMap<>();

	private final Instant now;

	PathRoom(List<PathLimit> limits, Instant now) {
		this.now = now;
		for (PathLimit limit : limits) {
			this.limits.computeIfAbsent(limit.mailboxId(), m -> new HashMap<>()).put(limit.recipientDomain(), limit);
		}
	}

	/**
	 * Whether the mailbox may send one more to {@code domain} before {@code horizon},
	 * given what it sent per recipient domain in the last hour ({@code toDomain}).
	 */
	boolean allows(UUID mailboxId, String domain, Map<String, Integer> toDomain, Instant horizon) {
		PathLimit limit = limit(mailboxId, domain);
		if (limit == null) {
			return true;
		}
		if (limit.suspendedAt(now) || next.getOrDefault(key(limit), now).isAfter(horizon)) {
			return false;
		}
		int onPath = 0;
		for (PathLimit other : limits.get(mailboxId).values()) {
			if (other.path().equals(limit.path())) {
				onPath += toDomain.getOrDefault(other.recipientDomain(), 0);
			}
		}
		return onPath < limit.perHour();
	}

	/** The earliest a message to {@code domain} may go, {@code from} at the earliest. */
	Instant notBefore(UUID mailboxId, String domain, Instant from) {
		PathLimit limit = limit(mailboxId, domain);
		Instant earliest = limit == null ? from : next.getOrDefault(key(limit), from);
		return earliest.isAfter(from) ? earliest : from;
	}

	/** Counts a message planned at {@code at}: the path's gap runs from it. */
	void planned(UUID mailboxId, String domain, Instant at) {
		PathLimit limit = limit(mailboxId, domain);
		if (limit != null) {
			next.put(key(limit), at.plusSeconds(Math.max(0, limit.minGapSeconds())));
		}
	}

	private PathLimit limit(UUID mailboxId, String domain) {
		Map<String, PathLimit> byDomain = limits.get(mailboxId);
		return byDomain == null ? null : byDomain.get(domain);
	}

	private static String key(PathLimit limit) {
		return limit.mailboxId() + " " + limit.path();
	}

}
