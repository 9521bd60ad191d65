package com.penguinmails.campaigns;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.delivery.MessageFailed;

/**
 * What delivery tells campaigns: a hard bounce stops the contact's sequence (when the
 * campaign stops on bounces, the default), and so does any other permanent failure, with
 * the server's reply as the reason. Runs after the dispatcher's transaction commits; the
 * event publication registry retries it after a crash.
 */
@Component
class DeliveryOutcomes {

	private final Campaigns campaigns;

	DeliveryOutcomes(Campaigns campaigns) {
		this.campaigns = campaigns;
	}

	@ApplicationModuleListener
	void on(MessageFailed failed) {
		if (failed.enrolmentId() == null || failed.campaignId() == null) {
			return;
		}
		if (failed.hardBounce()) {
			campaigns.stopOn(failed.workspaceId(), failed.enrolmentId(), "bounced");
			return;
		}
		String reply = failed.smtpReply() == null ? "" : failed.smtpReply();
		campaigns.stop(failed.workspaceId(), failed.enrolmentId(),
				"not delivered: " + (reply.length() > 150 ? reply.substring(0, 150) : reply));
	}

}
