package com.penguinmails.webhooks.internal.catalogue;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.campaigns.CampaignCompleted;
import com.penguinmails.campaigns.CampaignLaunched;
import com.penguinmails.campaigns.CampaignPaused;
import com.penguinmails.campaigns.EnrolmentCompleted;
import com.penguinmails.campaigns.EnrolmentStopped;
import com.penguinmails.webhooks.EventType;

/**
 * Campaigns' lifecycle in the catalogue: {@code campaign.launched}, {@code .paused},
 * {@code .completed} (no ordering key) and {@code enrolment.stopped}, {@code .completed}
 * (ordered by the contact's id). Each listener runs after the publisher's commit, on its
 * own, and the dedupe key makes a republished event one event.
 */
@Component
class LifecycleCampaignListener {

	private final LifecycleShapes shapes;

	LifecycleCampaignListener(LifecycleShapes shapes) {
		this.shapes = shapes;
	}

	/** A campaign is launched once: its id is the key. */
	@ApplicationModuleListener
	void on(CampaignLaunched launched) {
		if (!shapes.wanted(launched.workspaceId(), EventType.CAMPAIGN_LAUNCHED)) {
			return;
		}
		ObjectNode data = shapes.data(launched.workspaceId());
		data.set("campaign", shapes.campaign(launched.campaignId(), launched.name()));
		data.put("status", launched.status().value());
		LifecycleShapes.instant(data, "start_at", launched.startAt());
		LifecycleShapes.uuid(data, "launched_by_user_id", launched.launchedBy());
		LifecycleShapes.instant(data, "launched_at", launched.launchedAt());
		shapes.append(launched.workspaceId(), EventType.CAMPAIGN_LAUNCHED, "campaign.launched:" + launched.campaignId(),
				null, launched.launchedAt(), data);
	}

	@ApplicationModuleListener
	void on(CampaignPaused paused) {
		if (!shapes.wanted(paused.workspaceId(), EventType.CAMPAIGN_PAUSED)) {
			return;
		}
		ObjectNode data = shapes.data(paused.workspaceId());
		data.set("campaign", shapes.campaign(paused.campaignId(), paused.name()));
		data.put("paused_by", paused.automatic() ? "automatic" : "person");
		LifecycleShapes.uuid(data, "user_id", paused.pausedBy());
		LifecycleShapes.instant(data, "paused_at", paused.pausedAt());
		shapes.append(paused.workspaceId(), EventType.CAMPAIGN_PAUSED,
				"campaign.paused:" + paused.campaignId() + ":" + paused.pausedAt(), null, paused.pausedAt(), data);
	}

	@ApplicationModuleListener
	void on(CampaignCompleted completed) {
		if (!shapes.wanted(completed.workspaceId(), EventType.CAMPAIGN_COMPLETED)) {
			return;
		}
		ObjectNode data = shapes.data(completed.workspaceId());
		data.set("campaign", shapes.campaign(completed.campaignId(), completed.name()));
		LifecycleShapes.instant(data, "completed_at", completed.completedAt());
		shapes.append(completed.workspaceId(), EventType.CAMPAIGN_COMPLETED,
				"campaign.completed:" + completed.campaignId() + ":" + completed.completedAt(), null,
				completed.completedAt(), data);
	}

	/** An enrolment stops at most once: its id is the key. */
	@ApplicationModuleListener
	void on(EnrolmentStopped stopped) {
		if (!shapes.wanted(stopped.workspaceId(), EventType.ENROLMENT_STOPPED)) {
			return;
		}
		ObjectNode data = shapes.data(stopped.workspaceId());
		data.set("campaign", shapes.campaign(stopped.workspaceId(), stopped.campaignId()));
		data.set("contact", shapes.contact(stopped.workspaceId(), stopped.contactId()));
		data.set("enrolment", shapes.id(stopped.enrolmentId()));
		data.put("reason", stopped.reason());
		if (stopped.detail() != null && !stopped.detail().isEmpty()) {
			data.put("reason_detail", stopped.detail());
		}
		LifecycleShapes.instant(data, "stopped_at", stopped.stoppedAt());
		shapes.append(stopped.workspaceId(), EventType.ENROLMENT_STOPPED, "enrolment.stopped:" + stopped.enrolmentId(),
				stopped.contactId(), stopped.stoppedAt(), data);
	}

	@ApplicationModuleListener
	void on(EnrolmentCompleted completed) {
		if (!shapes.wanted(completed.workspaceId(), EventType.ENROLMENT_COMPLETED)) {
			return;
		}
		ObjectNode data = shapes.data(completed.workspaceId());
		data.set("campaign", shapes.campaign(completed.workspaceId(), completed.campaignId()));
		data.set("contact", shapes.contact(completed.workspaceId(), completed.contactId()));
		data.set("enrolment", shapes.id(completed.enrolmentId()));
		LifecycleShapes.instant(data, "completed_at", completed.completedAt());
		shapes.append(completed.workspaceId(), EventType.ENROLMENT_COMPLETED,
				"enrolment.completed:" + completed.enrolmentId(), completed.contactId(), completed.completedAt(), data);
	}

}
