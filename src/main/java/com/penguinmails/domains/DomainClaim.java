package com.penguinmails.domains;

import java.time.Instant;
import java.util.UUID;

/**
 * A claim on a domain another workspace holds: publish {@code value} as a TXT record at
 * {@code host}, then verify the claim.
 */
public record DomainClaim(UUID id, String name, String host, String value, Instant createdAt, Instant completedAt,
		UUID domainId) {
}
