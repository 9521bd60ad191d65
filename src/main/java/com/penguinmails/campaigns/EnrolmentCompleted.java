package com.penguinmails.campaigns;

import java.time.Instant;
import java.util.UUID;

/**
 * A contact's sequence finished: its last step was sent (the SMTP server answered 2xx;
 * published by {@code EnrolmentEvents} on that step's {@code MessageSent}), or no step
 * was left for it (the sequence got shorter; published by the scheduler in the
 * transaction that marks it completed). Once per enrolment, but a republished
 * {@code MessageSent} can publish it again: listeners dedupe by the enrolment id. A last
 * step that is never sent (it bounced) completes nothing.
 *
 * @param workspaceId the workspace
 * @param campaignId the enrolment's campaign
 * @param enrolmentId the enrolment
 * @param contactId the enrolled contact
 * @param completedAt when its last step was sent, or when it was marked completed
 */
public record EnrolmentCompleted(UUID workspaceId, UUID campaignId, UUID enrolmentId, UUID contactId,
		Instant completedAt) {
}
