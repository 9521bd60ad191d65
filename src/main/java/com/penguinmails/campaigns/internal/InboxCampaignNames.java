package com.penguinmails.campaigns.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.inbound.CampaignNames;

/** The workspace's campaigns by name, for the inbox's filter. */
@Component
class InboxCampaignNames implements CampaignNames {

	private final CampaignRepository campaigns;

	InboxCampaignNames(CampaignRepository campaigns) {
		this.campaigns = campaigns;
	}

	@Override
	public List<Named> campaigns(UUID workspaceId) {
		return campaigns.names(workspaceId);
	}

}
