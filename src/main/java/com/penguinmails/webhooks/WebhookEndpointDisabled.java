package com.penguinmails.webhooks;

import java.time.Instant;
import java.util.UUID;

/**
 * An endpoint was disabled by the senders: it answered 410 Gone, or every attempt failed
 * for 5 days. Its pending deliveries have failed; an admin enables it again on its page.
 * Published in the transaction that disabled it (alerts raise an alert and email the
 * workspace's admins).
 *
 * @param workspaceId the endpoint's workspace
 * @param endpointId the endpoint
 * @param host the host of its URL (the whole URL may hold a token, so it is not carried)
 * @param reason why, for a person
 * @param disabledAt when
 */
public record WebhookEndpointDisabled(UUID workspaceId, UUID endpointId, String host, String reason,
		Instant disabledAt) {
}
