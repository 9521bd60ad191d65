package com.penguinmails.dashboard.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.delivery.MessageFailed;
import com.penguinmails.delivery.MessageSent;
import com.penguinmails.inbound.BounceReceived;
import com.penguinmails.inbound.ComplaintReceived;
import com.penguinmails.inbound.ConversationLabelled;
import com.penguinmails.inbound.ReplyReceived;
import com.penguinmails.inbound.UnsubscribeReceived;
import com.penguinmails.tracking.Unsubscribed;

/**
 * Feeds {@code dashboard_daily} from the events of campaign messages, so the home page
 * sums a few daily rows instead of counting messages. Days are UTC dates of the event.
 * Each listener runs after the publisher's commit and may be handed an event again after
 * a crash: every event has a source id, counted once.
 */
@Component
class DailyRollup {

	private final DashboardRepository figures;

	private final Clock clock;

	DailyRollup(DashboardRepository figures, Clock clock) {
		this.figures = figures;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(MessageSent sent) {
		// Inbox answers go through the outbox too; only campaign messages are outreach.
		if (sent.campaignId() != null) {
			count("sent:" + sent.outboxId(), sent.workspaceId(), sent.sentAt(), Figure.SENT);
		}
	}

	@ApplicationModuleListener
	void on(MessageFailed failed) {
		if (failed.campaignId() != null) {
			count("failed:" + failed.outboxId(), failed.workspaceId(), clock.instant(),
					failed.hardBounce() ? Figure.BOUNCED : Figure.FAILED);
		}
	}

	@ApplicationModuleListener
	void on(ReplyReceived reply) {
		if (reply.automatic() || reply.campaignId() == null) {
			return;
		}
		count("reply:" + reply.inboundId(), reply.workspaceId(), reply.receivedAt(), Figure.REPLIED);
		String person = reply.contactId() != null ? reply.contactId().toString() : String.valueOf(reply.from());
		figures.replier(reply.workspaceId(), day(reply.receivedAt()), person);
	}

	@ApplicationModuleListener
	void on(BounceReceived bounce) {
		if (bounce.campaignId() != null) {
			count("bounce:" + bounce.inboundId(), bounce.workspaceId(), bounce.receivedAt(), Figure.BOUNCED);
		}
	}

	@ApplicationModuleListener
	void on(ComplaintReceived complaint) {
		if (complaint.campaignId() != null) {
			count("complaint:" + complaint.inboundId(), complaint.workspaceId(), complaint.receivedAt(),
					Figure.COMPLAINED);
		}
	}

	@ApplicationModuleListener
	void on(UnsubscribeReceived unsubscribe) {
		if (unsubscribe.campaignId() != null) {
			String source = unsubscribe.outboxId() != null ? "unsubscribe:" + unsubscribe.outboxId()
					: "unsubscribe:" + unsubscribe.inboundId();
			count(source, unsubscribe.workspaceId(), unsubscribe.receivedAt(), Figure.UNSUBSCRIBED);
		}
	}

	@ApplicationModuleListener
	void on(Unsubscribed unsubscribed) {
		// One unsubscribe per message, by link or by mail.
		if (unsubscribed.campaignId() != null && unsubscribed.outboxId() != null) {
			count("unsubscribe:" + unsubscribed.outboxId(), unsubscribed.workspaceId(), unsubscribed.occurredAt(),
					Figure.UNSUBSCRIBED);
		}
	}

	@ApplicationModuleListener
	void on(ConversationLabelled labelled) {
		// A conversation counts while it is positive, on the day it was called so; a
		// label cleared or changed to a negative one takes it back.
		if (labelled.positive()) {
			figures.positive(labelled.workspaceId(), labelled.threadId(),
					day(labelled.at() == null ? clock.instant() : labelled.at()));
		}
		else {
			figures.notPositive(labelled.workspaceId(), labelled.threadId());
		}
	}

	private void count(String sourceId, UUID workspaceId, Instant at, Figure figure) {
		figures.add(sourceId, workspaceId, day(at == null ? clock.instant() : at), figure, 1);
	}

	static LocalDate day(Instant at) {
		return LocalDate.ofInstant(at, ZoneOffset.UTC);
	}

}
