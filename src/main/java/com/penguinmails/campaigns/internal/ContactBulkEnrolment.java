package com.penguinmails.campaigns.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.campaigns.CampaignStatus;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.contacts.BulkEnrolment;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The contacts' bulk action "enrol in a campaign", through the campaigns' own enrolment
 * ({@link Campaigns#addRecipients}, as {@code POST /api/v1/campaigns/{id}/enrolments}).
 */
@Component
class ContactBulkEnrolment implements BulkEnrolment {

	private final Campaigns campaigns;

	ContactBulkEnrolment(Campaigns campaigns) {
		this.campaigns = campaigns;
	}

	@Override
	public List<BulkEnrolment.Campaign> campaigns(UUID workspaceId) {
		return campaigns.list(Tenant.system(workspaceId))
			.stream()
			.filter(campaign -> campaign.status() != CampaignStatus.ARCHIVED)
			.map(campaign -> new BulkEnrolment.Campaign(campaign.id(), campaign.name()))
			.toList();
	}

	@Override
	public String check(Tenant tenant, UUID campaignId) {
		tenant.require(WorkspaceRole.MEMBER, "campaigns:write");
		com.penguinmails.campaigns.Campaign campaign = campaigns.get(tenant, campaignId);
		if (campaign.status() == CampaignStatus.ARCHIVED) {
			throw new InvalidInputProblem(org.springframework.http.HttpStatus.CONFLICT, "campaign-ended",
					"An archived campaign takes no more recipients.");
		}
		return campaign.name();
	}

	@Override
	public int enrol(UUID workspaceId, UUID campaignId, List<UUID> contactIds) {
		return campaigns.addRecipients(Tenant.system(workspaceId), campaignId, contactIds, List.of(), List.of());
	}

}
