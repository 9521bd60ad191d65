package com.penguinmails.reputation;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A domain's, sending IP's or mailbox's reputation score fell: the score stored for
 * {@code day} is at least {@code ReputationTimeline.DROP_POINTS} below the one stored for
 * the day before, or went under {@code ReputationTimeline.POOR} from above it.
 *
 * @param kind {@code domain}, {@code ip} or {@code mailbox}
 * @param key the domain name, the IP address or the mailbox id
 * @param label the subject in words (the domain, the IP, the mailbox's address)
 * @param worstPart the part doing worst that day, in words ("Bounces: 9 of 40 sent
 * bounced (22.5 %)")
 * @param path the timeline page of the subject
 */
public record ReputationDropped(UUID workspaceId, String kind, String key, String label, LocalDate day, int from,
		int to, String worstPart, String path) {
}
