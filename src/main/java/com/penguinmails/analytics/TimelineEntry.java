package com.penguinmails.analytics;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One thing that happened with a contact, for its activity timeline.
 *
 * @param kind sent, queued, failed, opened, clicked, replied, auto_replied, bounced,
 * complained, unsubscribed, received, or a change: created, updated, status, tag_added,
 * tag_removed, list_added, list_removed, imported
 * @param group {@code mail} (messages sent and what came back), {@code engagement} (opens
 * and clicks) or {@code changes}
 * @param at when it happened
 * @param title what happened, in words ("Sent step 2 (variant B) from anna@acme.io")
 * @param detail more words (the reply's start, a bounce's reason, who made a change), may
 * be empty
 * @param campaignId the campaign it belongs to, or null; {@code campaignName} its name
 * @param links where to look further: the campaign, the inbox conversation
 */
public record TimelineEntry(String kind, String group, Instant at, String title, String detail, UUID campaignId,
		String campaignName, List<Link> links) {

	/** A link: words and a path of this application. */
	public record Link(String label, String href) {
	}

}
