package com.penguinmails.warmup;

import java.time.Instant;
import java.util.UUID;

/**
 * A mailbox's warmup health score changed (published when the day's score is measured and
 * differs from the last one). Alerts raise one when it drops below 70 or by 10 points or
 * more; webhooks forward it.
 *
 * @param previousScore the score before, or null when this is the first measure
 * @param score 0–100
 */
public record WarmupHealthChanged(UUID workspaceId, UUID mailboxId, String email, Integer previousScore, int score,
		Instant measuredAt) {
}
