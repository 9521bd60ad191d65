package com.penguinmails.domains;

import java.time.Instant;

/**
 * A DKIM key as users see it (never the private part).
 *
 * @param status active (signs mail), pending (rotation: waiting for its record to
 * verify), or retiring (replaced; its record stays published until {@code retireAfter})
 */
public record DkimKeyInfo(String selector, DkimKeyStatus status, Instant createdAt, Instant retireAfter) {

	/** Keys are rotated yearly: an active key older than that is due. */
	public boolean rotationDue(Instant now) {
		return status == DkimKeyStatus.ACTIVE && createdAt.plus(java.time.Duration.ofDays(365)).isBefore(now);
	}

}
