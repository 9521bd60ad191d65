package com.penguinmails.campaigns;

import java.util.ArrayList;
import java.util.List;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.campaigns.Enrolments.EngagementRecord;
import com.penguinmails.delivery.MessageFailed;
import com.penguinmails.delivery.MessageSent;
import com.penguinmails.inbound.BounceReceived;
import com.penguinmails.inbound.ComplaintReceived;
import com.penguinmails.inbound.ReplyReceived;
import com.penguinmails.inbound.UnsubscribeReceived;
import com.penguinmails.tracking.EngagementsTracked;
import com.penguinmails.tracking.LinkClicked;
import com.penguinmails.tracking.MessageOpened;
import com.penguinmails.tracking.Unsubscribed;

/**
 * How campaigns learn what happened to their messages: from the events delivery, inbound
 * and tracking publish, never by being called from them. Each listener runs after the
 * publisher's transaction commits, in its own transaction, and the event publication
 * registry retries it after a crash; each is idempotent (a stopped enrolment stays
 * stopped, an engagement counts once per message). Between the event and its listener,
 * the scheduler's last-moment check of the suppression list and the contact's status
 * keeps a suppressed address from getting another message.
 */
@Component
class EnrolmentEvents {

	private final Enrolments enrolments;

	EnrolmentEvents(Enrolments enrolments) {
		this.enrolments = enrolments;
	}

	/**
	 * The last step's message went out: the enrolment's completion is published now (see
	 * {@link Enrolments#sent}).
	 */
	@ApplicationModuleListener
	void on(MessageSent sent) {
		if (sent.enrolmentId() != null) {
			enrolments.sent(sent.workspaceId(), sent.enrolmentId(), sent.step(), sent.sentAt());
		}
	}

	/**
	 * A hard bounce at delivery stops the sequence (when the campaign stops on bounces,
	 * the default), and so does any other permanent failure, with the server's reply as
	 * the reason.
	 */
	@ApplicationModuleListener
	void on(MessageFailed failed) {
		if (failed.enrolmentId() == null || failed.campaignId() == null) {
			return;
		}
		if (failed.hardBounce()) {
			enrolments.stopOn(failed.workspaceId(), failed.enrolmentId(), StopEvent.BOUNCED);
			return;
		}
		String reply = failed.smtpReply() == null ? "" : failed.smtpReply();
		enrolments.stop(failed.workspaceId(), failed.enrolmentId(),
				"not delivered: " + (reply.length() > 150 ? reply.substring(0, 150) : reply));
	}

	/**
	 * A person's reply counts for the A/B test of its message; an auto-reply (RFC 3834)
	 * stops the sequence only when the campaign asks for it.
	 */
	@ApplicationModuleListener
	void on(ReplyReceived reply) {
		if (!reply.automatic() && reply.campaignId() != null && reply.outboxId() != null) {
			enrolments.recordEngagements(List.of(new EngagementRecord(reply.workspaceId(), reply.campaignId(),
					reply.step(), reply.variant(), reply.outboxId(), Engagement.REPLIED)));
		}
		if (reply.enrolmentId() != null) {
			enrolments.stopOn(reply.workspaceId(), reply.enrolmentId(),
					reply.automatic() ? StopEvent.AUTO_REPLIED : StopEvent.REPLIED);
		}
	}

	/** A bounce that suppresses the address (a hard one) stops its sequence. */
	@ApplicationModuleListener
	void on(BounceReceived bounce) {
		if (bounce.enrolmentId() != null && "hard".equals(bounce.type())) {
			enrolments.stopOn(bounce.workspaceId(), bounce.enrolmentId(), StopEvent.BOUNCED);
		}
	}

	@ApplicationModuleListener
	void on(ComplaintReceived complaint) {
		if (complaint.enrolmentId() != null) {
			enrolments.stopOn(complaint.workspaceId(), complaint.enrolmentId(), StopEvent.COMPLAINED);
		}
	}

	/** RFC 2369's mailto unsubscribe. */
	@ApplicationModuleListener
	void on(UnsubscribeReceived unsubscribe) {
		if (unsubscribe.enrolmentId() != null) {
			enrolments.stopOn(unsubscribe.workspaceId(), unsubscribe.enrolmentId(), StopEvent.UNSUBSCRIBED);
		}
	}

	/**
	 * The signed link (or RFC 8058 one-click): from this campaign only, the enrolment
	 * stops whatever the campaign's conditions; from everything, as the campaign's
	 * unsubscribe condition says.
	 */
	@ApplicationModuleListener
	void on(Unsubscribed unsubscribed) {
		if (unsubscribed.enrolmentId() == null) {
			return;
		}
		if (unsubscribed.scope() == Unsubscribed.Scope.CAMPAIGN) {
			enrolments.stop(unsubscribed.workspaceId(), unsubscribed.enrolmentId(), "unsubscribed from this campaign");
		}
		else {
			enrolments.stopOn(unsubscribed.workspaceId(), unsubscribed.enrolmentId(), StopEvent.UNSUBSCRIBED);
		}
	}

	/**
	 * A batch of opens and clicks: a person's (a machine's fetch never counts) counts for
	 * the A/B test, in one statement per kind, and a person's click stops the sequence
	 * when the campaign says so.
	 */
	@ApplicationModuleListener
	void on(EngagementsTracked tracked) {
		List<EngagementRecord> engagements = new ArrayList<>();
		for (MessageOpened opened : tracked.opens()) {
			if (!opened.machine() && opened.campaignId() != null && opened.outboxId() != null) {
				engagements.add(new EngagementRecord(opened.workspaceId(), opened.campaignId(), opened.step(),
						opened.variant(), opened.outboxId(), Engagement.OPENED));
			}
		}
		for (LinkClicked clicked : tracked.clicks()) {
			if (!clicked.machine() && clicked.campaignId() != null && clicked.outboxId() != null) {
				engagements.add(new EngagementRecord(clicked.workspaceId(), clicked.campaignId(), clicked.step(),
						clicked.variant(), clicked.outboxId(), Engagement.CLICKED));
			}
		}
		if (!engagements.isEmpty()) {
			enrolments.recordEngagements(engagements);
		}
		for (LinkClicked clicked : tracked.clicks()) {
			if (!clicked.machine() && clicked.campaignId() != null && clicked.enrolmentId() != null) {
				enrolments.stopOn(clicked.workspaceId(), clicked.enrolmentId(), StopEvent.CLICKED);
			}
		}
	}

}
