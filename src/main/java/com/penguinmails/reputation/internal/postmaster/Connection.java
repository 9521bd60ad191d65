package com.penguinmails.reputation.internal.postmaster;

import java.time.Instant;
import java.util.UUID;

/**
 * A workspace's connection to one provider, as stored (secrets still encrypted: never
 * returned or logged).
 *
 * @param account what the user recognises the connection by (SNDS: "key ending in ab12"),
 * or null
 * @param secret the encrypted refresh token (Google) or access key (SNDS)
 * @param accessToken the encrypted current access token (Google), or null
 * @param accessExpiresAt when that access token expires, or null
 * @param message why the status is not {@link ConnectionStatus#CONNECTED}, in words
 * @param nextPullAt the next scheduled pull (or the end of the lease of the node pulling)
 */
public record Connection(UUID workspaceId, Provider provider, String account, byte[] secret, byte[] accessToken,
		Instant accessExpiresAt, ConnectionStatus status, String message, Instant connectedAt, Instant lastPulledAt,
		Instant nextPullAt) {

	/** The {@code shared.Secrets} context of this connection's secret. */
	public static String secretContext(UUID workspaceId, Provider provider) {
		return "postmaster:" + provider.value() + ":" + workspaceId;
	}

	/** The {@code shared.Secrets} context of the Google access token. */
	public static String accessContext(UUID workspaceId) {
		return "postmaster:google-access:" + workspaceId;
	}

}
