package com.penguinmails.identity.internal;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code users}. */
public record UserAccount(UUID id, String email, String passwordHash, String displayName, String timeZone,
		Instant emailVerifiedAt, byte[] totpSecret, Instant totpEnabledAt, int failedLogins, Instant lockedUntil,
		Instant createdAt) {

	public boolean totpEnabled() {
		return totpEnabledAt != null;
	}

	public boolean verified() {
		return emailVerifiedAt != null;
	}

	public boolean lockedAt(Instant now) {
		return lockedUntil != null && lockedUntil.isAfter(now);
	}

}
