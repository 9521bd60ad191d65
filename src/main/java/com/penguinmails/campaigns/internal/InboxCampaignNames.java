package com.penguinmails.campaigns.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.penguinmails.inbound.CampaignNames;

/**
 * The workspace's campaigns by name, for the inbox's filter, and a contact's campaigns
 * for the inbox's contact card.
 */
@Component
class InboxCampaignNames implements CampaignNames {

	private final CampaignRepository campaigns;

	private final JdbcClient jdbc;

	InboxCampaignNames(CampaignRepository campaigns, JdbcClient jdbc) {
		this.campaigns = campaigns;
		this.jdbc = jdbc;
	}

	@Override
	public List<Named> campaigns(UUID workspaceId) {
		return campaigns.names(workspaceId);
	}

	@Override
	public List<Enrolled> enrolments(UUID workspaceId, UUID contactId) {
		return jdbc.sql("""
				SELECT c.id, c.name, e.state FROM enrolments e JOIN campaigns c ON c.id = e.campaign_id
				WHERE e.workspace_id = ? AND e.contact_id = ? AND c.workspace_id = e.workspace_id
				ORDER BY e.created_at DESC LIMIT 50""")
			.params(workspaceId, contactId)
			.query((rs, i) -> new Enrolled(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
			.list();
	}

}
