package com.penguinmails.domains;

import java.util.UUID;

/** A domain's verification status changed (pending, verified, failing). */
public record DomainStatusChanged(UUID workspaceId, UUID domainId, String name, DomainStatus from, DomainStatus to) {
}
