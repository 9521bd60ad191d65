package com.penguinmails.alerts;

import java.util.List;
import java.util.UUID;

/**
 * Ordered steps an unacknowledged alert goes through: step 1 is notified when the alert
 * is raised, each next step after its {@code afterMinutes} without acknowledgement.
 */
public record EscalationPolicy(UUID id, String name, List<Step> steps) {

	/**
	 * One step: a channel, or one person's address.
	 *
	 * @param position 1, 2, ...
	 * @param afterMinutes minutes unacknowledged after the step before (0 for step 1)
	 * @param target the channel's name or the address, for pages
	 */
	public record Step(int position, UUID channelId, String email, int afterMinutes, String target) {
	}

}
