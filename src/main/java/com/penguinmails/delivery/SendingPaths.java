package com.penguinmails.delivery;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The limits in force on sending paths (one mailbox to one recipient provider), which the
 * campaign scheduler and the dispatcher honour. Declared here, below campaigns, and
 * implemented by reputation (which decides them from the providers' replies), as
 * campaigns may not use reputation.
 */
public interface SendingPaths {

	/** No path limited: what holds when no implementation is present. */
	SendingPaths NONE = (workspaceId, mailboxIds, recipientDomains, now) -> List.of();

	/**
	 * The limits in force at {@code now} on the paths from these mailboxes to these
	 * recipient domains (lower case); a path without a limit has no entry. Never null.
	 */
	List<PathLimit> limits(UUID workspaceId, Collection<UUID> mailboxIds, Collection<String> recipientDomains,
			Instant now);

	/**
	 * The limit on one path as it applies to one recipient domain.
	 *
	 * @param path the path's recipient side: a provider ({@code google},
	 * {@code microsoft}, {@code yahoo}) or, for another receiver, its domain; recipient
	 * domains with the same path share its hourly rate
	 * @param suspendedUntil nothing is sent on the path before this instant; null when
	 * not suspended
	 * @param perHour the most messages an hour the mailbox may send on the path
	 * @param minGapSeconds the least time between two of its messages on the path
	 */
	record PathLimit(UUID mailboxId, String recipientDomain, String path, Instant suspendedUntil, int perHour,
			int minGapSeconds) {

		/** Whether nothing may be sent on the path at {@code now}. */
		public boolean suspendedAt(Instant now) {
			return suspendedUntil != null && suspendedUntil.isAfter(now);
		}

	}

}
