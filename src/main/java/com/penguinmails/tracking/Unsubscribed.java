package com.penguinmails.tracking;

import java.time.Instant;
import java.util.UUID;

/**
 * A recipient unsubscribed through a message's link: from that campaign only, or from
 * everything the workspace sends (the address is suppressed). Published when it changed
 * something, so a provider's repeated one-click POST is one event.
 *
 * @param campaignId the campaign, or null for a message of none
 * @param enrolmentId the enrolment, or null for a message of no campaign
 */
public record Unsubscribed(UUID workspaceId, UUID campaignId, UUID enrolmentId, int step, int variant, UUID outboxId,
		String address, Scope scope, Instant occurredAt) {

	/** What the recipient left. */
	public enum Scope {

		/** This campaign only: its enrolment stops, nothing is suppressed. */
		CAMPAIGN,

		/** Everything from the workspace: the address is suppressed. */
		ALL

	}

}
