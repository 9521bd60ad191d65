package com.penguinmails.domains;

import java.time.Instant;
import java.util.UUID;

/**
 * A sending domain (or subdomain) of a workspace. {@code name} is the ASCII (punycode)
 * form; {@code displayName} the Unicode one.
 *
 * @param status {@code pending} until every record verifies, then {@code verified};
 * {@code failing} when a record that verified before no longer does (JSON: the lower-case
 * {@link DomainStatus#value()})
 */
public record Domain(UUID id, String name, String displayName, boolean receivesMail, String mxHosts,
		String spfMechanisms, DomainStatus status, String dkimSelector, Instant createdAt, Instant lastCheckedAt,
		Instant lastVerifiedAt) {
}
