package com.penguinmails.tracking;

import java.time.Instant;
import java.util.UUID;

/**
 * A message's open pixel was fetched: by its reader, or by a machine (a mail provider's
 * image proxy, a security scanner) when {@code machine}. Every fetch is one element of an
 * {@link EngagementsTracked} batch.
 *
 * @param campaignId the campaign, or null for a message of none
 * @param deviceClass Yauaa's device class ({@code Phone}, {@code Desktop}...), or null
 * when the User-Agent was not analysed
 * @param client the mail client or browser ({@code Apple Mail}, {@code Chrome}...), or
 * null likewise
 */
public record MessageOpened(UUID workspaceId, UUID campaignId, UUID enrolmentId, int step, int variant, UUID outboxId,
		Instant occurredAt, boolean machine, String deviceClass, String client) {
}
