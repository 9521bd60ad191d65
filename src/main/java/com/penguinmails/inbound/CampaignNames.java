package com.penguinmails.inbound;

import java.util.List;
import java.util.UUID;

/**
 * The campaigns a workspace's inbox can be filtered by, as the campaigns feature names
 * them. Inbound declares what it needs and campaigns provides it, so inbound never
 * depends on campaigns (campaigns listens to inbound's events).
 */
public interface CampaignNames {

	/** A campaign's id and name. */
	record Named(UUID id, String name) {
	}

	/** The workspace's campaigns, newest first. */
	List<Named> campaigns(UUID workspaceId);

}
