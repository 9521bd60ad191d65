package com.penguinmails.campaigns;

import java.time.Instant;
import java.util.UUID;

/**
 * Every enrolment of a running campaign ended (completed or stopped): the scheduler
 * marked it completed ({@link CampaignScheduler#tick}). Published once per completion, in
 * the transaction that marks it; a completed campaign given new recipients runs again and
 * may complete (and publish) again later, with a later {@code completedAt}.
 *
 * @param workspaceId the campaign's workspace
 * @param campaignId the campaign
 * @param name its name
 * @param completedAt when it was marked completed
 */
public record CampaignCompleted(UUID workspaceId, UUID campaignId, String name, Instant completedAt) {
}
