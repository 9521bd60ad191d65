package com.penguinmails.analytics.internal;

import java.time.Instant;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.inbound.BounceReceived;
import com.penguinmails.inbound.ComplaintReceived;
import com.penguinmails.inbound.ReplyReceived;
import com.penguinmails.inbound.UnsubscribeReceived;
import com.penguinmails.tracking.Unsubscribed;

/**
 * Keeps the events of campaign messages that the metrics count. Each listener runs after
 * the publisher's transaction commits, and the JDBC event publication registry hands an
 * event again after a crash; the source id keeps a second delivery from counting twice.
 */
@Component
class EventLog {

	private final AnalyticsEventRepository events;

	private final com.penguinmails.analytics.internal.rollup.RollupStore rollups;

	EventLog(AnalyticsEventRepository events, com.penguinmails.analytics.internal.rollup.RollupStore rollups) {
		this.rollups = rollups;
		this.events = events;
	}

	@ApplicationModuleListener
	void on(ReplyReceived reply) {
		record(reply.inboundId().toString(), reply.workspaceId(), reply.campaignId(), reply.step(), reply.variant(),
				reply.outboxId(), reply.enrolmentId(), reply.automatic() ? EventKind.AUTO_REPLIED : EventKind.REPLIED,
				null, reply.receivedAt());
	}

	@ApplicationModuleListener
	void on(BounceReceived bounce) {
		EventKind kind = EventKind.bounce(bounce.type());
		String why = bounce.reason() == null ? bounce.type() : bounce.reason().label();
		record(bounce.inboundId().toString(), bounce.workspaceId(), bounce.campaignId(), bounce.step(),
				bounce.variant(), bounce.outboxId(), bounce.enrolmentId(), kind,
				bounce.diagnostic() == null || bounce.diagnostic().isBlank() ? why : why + ": " + bounce.diagnostic(),
				bounce.receivedAt());
	}

	@ApplicationModuleListener
	void on(ComplaintReceived complaint) {
		record(complaint.inboundId().toString(), complaint.workspaceId(), complaint.campaignId(), complaint.step(),
				complaint.variant(), complaint.outboxId(), complaint.enrolmentId(), EventKind.COMPLAINED,
				complaint.feedbackType(), complaint.receivedAt());
	}

	@ApplicationModuleListener
	void on(UnsubscribeReceived unsubscribe) {
		record(unsubscribe.inboundId().toString(), unsubscribe.workspaceId(), unsubscribe.campaignId(),
				unsubscribe.step(), unsubscribe.variant(), unsubscribe.outboxId(), unsubscribe.enrolmentId(),
				EventKind.UNSUBSCRIBED, "by mail", unsubscribe.receivedAt());
	}

	@ApplicationModuleListener
	void on(Unsubscribed unsubscribed) {
		// One unsubscribe per message, by link or by mail.
		if (unsubscribed.outboxId() != null) {
			record("unsubscribe:" + unsubscribed.outboxId(), unsubscribed.workspaceId(), unsubscribed.campaignId(),
					unsubscribed.step(), unsubscribed.variant(), unsubscribed.outboxId(), unsubscribed.enrolmentId(),
					EventKind.UNSUBSCRIBED, "by link", unsubscribed.occurredAt());
		}
	}

	private void record(String sourceId, UUID workspaceId, UUID campaignId, int step, int variant, UUID outboxId,
			UUID enrolmentId, EventKind kind, String detail, Instant at) {
		if (campaignId == null) {
			return;
		}
		events.insert(sourceId, workspaceId, campaignId, step, variant, outboxId, enrolmentId, kind, detail, at);
		// In the same transaction as the event: the hour's recount will see it.
		rollups.markDirty(workspaceId, at);
	}

}
