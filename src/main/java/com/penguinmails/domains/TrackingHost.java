package com.penguinmails.domains;

import java.util.UUID;

/**
 * A verified tracking host: {@code track.<domain>} of a workspace's sending domain whose
 * tracking CNAME was ok at its last verification.
 *
 * @param workspaceId the workspace holding the domain
 * @param domainId the sending domain
 * @param host the tracking host, ASCII (punycode), lower case, no final dot
 */
public record TrackingHost(UUID workspaceId, UUID domainId, String host) {
}
