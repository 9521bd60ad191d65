package com.penguinmails.campaigns;

import java.time.Instant;
import java.util.UUID;

/**
 * A draft campaign was launched ({@link Campaigns#launch}, from the page, the API or the
 * sandbox demo): published once per launch, in the launch's transaction. A campaign is
 * launched at most once (only a draft launches); resuming a paused one is not a launch.
 *
 * @param workspaceId the campaign's workspace
 * @param campaignId the campaign
 * @param name its name
 * @param status {@link CampaignStatus#RUNNING}, or {@link CampaignStatus#SCHEDULED} when
 * it starts later
 * @param startAt when it starts sending (the launch itself when it runs at once)
 * @param launchedBy the member who launched it, or null (an API key, the system)
 * @param launchedAt when it was launched
 */
public record CampaignLaunched(UUID workspaceId, UUID campaignId, String name, CampaignStatus status, Instant startAt,
		UUID launchedBy, Instant launchedAt) {
}
