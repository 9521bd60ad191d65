package com.penguinmails.inbound;

import java.time.Instant;
import java.util.UUID;

import com.penguinmails.shared.BounceReason;

/**
 * A bounce (an RFC 3464 delivery status notification, or a provider's own text) came back
 * for a message of ours.
 *
 * @param type hard (the address is suppressed and the sequence stops), soft (the third
 * suppresses), block (the receiver refused us, not the address), or unknown
 * @param reason why, from the fixed taxonomy; never {@code null}
 * @param status the RFC 3463 enhanced status code, when the bounce gives one
 * @param replyCode the receiving server's RFC 5321 reply code, e.g. {@code "550"}, or
 * {@code null}
 * @param remoteMta the host that replied, or {@code null}
 */
public record BounceReceived(UUID workspaceId, UUID mailboxId, UUID campaignId, UUID enrolmentId, int step, int variant,
		UUID outboxId, String address, String type, BounceReason reason, String status, String replyCode,
		String remoteMta, String diagnostic, UUID inboundId, Instant receivedAt) {
}
