package com.penguinmails.campaigns;

import java.time.Instant;
import java.util.UUID;

/**
 * A running or scheduled campaign was paused: published once per pause, in the pause's
 * transaction (a second pause of a paused campaign is refused and publishes nothing).
 * Today only a person pauses a campaign ({@link Campaigns#pause}, from the page or the
 * API), so {@code automatic} is false; a workspace-wide sending pause or a paused mailbox
 * leaves the campaign's own status alone and publishes no {@code CampaignPaused}.
 *
 * @param workspaceId the campaign's workspace
 * @param campaignId the campaign
 * @param name its name
 * @param automatic whether PenguinMails paused it by itself rather than a person
 * @param pausedBy the member who paused it, or null (an API key, PenguinMails)
 * @param pausedAt when it was paused
 */
public record CampaignPaused(UUID workspaceId, UUID campaignId, String name, boolean automatic, UUID pausedBy,
		Instant pausedAt) {
}
