package com.penguinmails.domains;

import java.util.UUID;

/**
 * A workspace proved control of a domain's DNS and took it from the workspace that held
 * it.
 */
public record DomainClaimed(UUID fromWorkspaceId, UUID toWorkspaceId, String name) {
}
