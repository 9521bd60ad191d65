package com.penguinmails.tracking;

import java.time.Instant;
import java.util.UUID;

/**
 * A link of a message was followed: by its reader, or by a machine (a security scanner, a
 * link scan) when {@code machine}. Every click is one element of an
 * {@link EngagementsTracked} batch.
 *
 * @param campaignId the campaign, or null for a message of none
 * @param deviceClass Yauaa's device class, or null when the User-Agent was not analysed
 * @param client the browser or mail client, or null likewise
 * @param url the link as the message had it
 */
public record LinkClicked(UUID workspaceId, UUID campaignId, UUID enrolmentId, int step, int variant, UUID outboxId,
		Instant occurredAt, boolean machine, String deviceClass, String client, String url) {
}
