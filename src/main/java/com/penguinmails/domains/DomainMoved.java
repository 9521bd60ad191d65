package com.penguinmails.domains;

import java.util.UUID;

/**
 * A domain moved, with its keys and history, from one workspace to another of the same
 * owner.
 */
public record DomainMoved(UUID fromWorkspaceId, UUID toWorkspaceId, UUID domainId, String name) {
}
