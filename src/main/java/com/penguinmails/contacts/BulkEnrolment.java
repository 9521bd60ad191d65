package com.penguinmails.contacts;

import java.util.List;
import java.util.UUID;

import com.penguinmails.shared.Tenant;

/**
 * Enrolment of contacts in a campaign for the bulk action {@link BulkAction#ENROL}:
 * declared here because contacts may not use campaigns, implemented by the campaigns
 * module. Without a bean the action is refused.
 */
public interface BulkEnrolment {

	/** A campaign that takes recipients. */
	record Campaign(UUID id, String name) {
	}

	/** The workspace's campaigns that take recipients (not archived), newest first. */
	List<Campaign> campaigns(UUID workspaceId);

	/**
	 * Checks that the caller may enrol in the campaign and that it takes recipients.
	 * @return the campaign's name
	 * @throws com.penguinmails.shared.NotFoundProblem when it is not the workspace's;
	 * {@link com.penguinmails.shared.AccessDeniedProblem} without {@code campaigns:write}
	 * @throws com.penguinmails.shared.InvalidInputProblem 409 {@code campaign-ended}
	 */
	String check(Tenant tenant, UUID campaignId);

	/**
	 * Enrols a batch of contacts of the workspace (the campaigns module's own enrolment).
	 * @return how many joined; the others were enrolled already (skipped, not failed)
	 */
	int enrol(UUID workspaceId, UUID campaignId, List<UUID> contactIds);

}
