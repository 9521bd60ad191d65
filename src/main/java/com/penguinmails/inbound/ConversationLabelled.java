package com.penguinmails.inbound;

import java.time.Instant;
import java.util.UUID;

/**
 * A person set (or cleared) the lead status of a conversation in the inbox.
 *
 * @param label one of {@link Inbox#LABELS}, or null when cleared
 * @param at when it was set
 */
public record ConversationLabelled(UUID workspaceId, UUID threadId, String label, Instant at) {

	/** Whether the label says the lead is positive: interested or meeting booked. */
	public boolean positive() {
		return "interested".equals(label) || "meeting_booked".equals(label);
	}

}
