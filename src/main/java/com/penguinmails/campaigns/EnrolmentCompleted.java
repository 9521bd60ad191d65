package com.penguinmails.campaigns;

import java.time.Instant;
import java.util.UUID;

/**
 * A contact's sequence finished: its last step was queued, or no step was left for it
 * (the sequence got shorter). Published by the scheduler once per enrolment, in the
 * transaction that marks it completed.
 *
 * @param workspaceId the workspace
 * @param campaignId the enrolment's campaign
 * @param enrolmentId the enrolment
 * @param contactId the enrolled contact
 * @param completedAt when it was marked completed
 */
public record EnrolmentCompleted(UUID workspaceId, UUID campaignId, UUID enrolmentId, UUID contactId,
		Instant completedAt) {
}
