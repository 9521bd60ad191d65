package com.penguinmails.campaigns;

import java.time.Instant;
import java.util.UUID;

/**
 * A contact's sequence stopped before its end. Published once per enrolment (only an
 * active enrolment stops), in the transaction that stops it, from every path: a
 * recipient's reply, click, bounce, complaint or unsubscribe ({@link Enrolments}), a
 * colleague's reply, the campaign archived, and the scheduler's last-moment checks.
 *
 * @param workspaceId the workspace
 * @param campaignId the enrolment's campaign
 * @param enrolmentId the enrolment
 * @param contactId the enrolled contact
 * @param reason why, as a code: {@code replied}, {@code auto_replied}, {@code clicked},
 * {@code unsubscribed}, {@code complained}, {@code bounced} (the campaign's stop
 * conditions, {@link StopEvent}), {@code failed} (a permanent delivery failure),
 * {@code colleague_replied}, {@code campaign_archived}, {@code contact_deleted},
 * {@code suppressed}, {@code missing_value} (a template variable without a value), or
 * {@code other}
 * @param detail the stored stop reason in words ("not delivered: 550 5.1.1 ...")
 * @param stoppedAt when it stopped
 */
public record EnrolmentStopped(UUID workspaceId, UUID campaignId, UUID enrolmentId, UUID contactId, String reason,
		String detail, Instant stoppedAt) {

	/** The event of a stop stored with {@code detail} as its stop reason. */
	public static EnrolmentStopped of(UUID workspaceId, UUID campaignId, UUID enrolmentId, UUID contactId,
			String detail, Instant stoppedAt) {
		return new EnrolmentStopped(workspaceId, campaignId, enrolmentId, contactId, reasonOf(detail), detail,
				stoppedAt);
	}

	/** The code of a stored stop reason (see {@link #reason}). */
	static String reasonOf(String detail) {
		String words = detail == null ? "" : detail;
		for (StopEvent event : StopEvent.values()) {
			if (event.reason().equals(words)) {
				return event.reason();
			}
		}
		if (words.startsWith("not delivered")) {
			return "failed";
		}
		return switch (words) {
			case "unsubscribed from this campaign", "contact unsubscribed" -> "unsubscribed";
			case "contact bounced" -> "bounced";
			case "contact complained" -> "complained";
			case "a colleague replied" -> "colleague_replied";
			case "campaign archived" -> "campaign_archived";
			case "contact deleted" -> "contact_deleted";
			case "suppressed" -> "suppressed";
			default -> words.startsWith("no value for") ? "missing_value" : "other";
		};
	}

}
