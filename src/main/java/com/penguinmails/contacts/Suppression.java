package com.penguinmails.contacts;

import java.time.Instant;
import java.util.UUID;

/**
 * An address or a whole domain that must not be mailed. {@code value} is null once the
 * contact was erased (only its hash is kept, so it is not re-imported).
 *
 * @param reason unsubscribed, hard_bounce, complaint or manual
 */
public record Suppression(UUID id, String kind, String value, String reason, Instant createdAt) {
}
