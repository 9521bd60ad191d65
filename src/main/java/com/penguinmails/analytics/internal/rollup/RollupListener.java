package com.penguinmails.analytics.internal.rollup;

import java.time.Clock;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.delivery.MessageFailed;
import com.penguinmails.delivery.MessageSent;
import com.penguinmails.tracking.LinkClicked;
import com.penguinmails.tracking.MessageOpened;

/**
 * Marks the hours whose rollups an event changes: sends, refusals, opens and clicks
 * (their rows are committed before the event is handed on). Replies, bounces, complaints
 * and unsubscribes are marked by {@code EventLog} with the analytics event it writes.
 */
@Component
class RollupListener {

	private final RollupStore rollups;

	private final Clock clock;

	RollupListener(RollupStore rollups, Clock clock) {
		this.rollups = rollups;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(MessageSent sent) {
		if (sent.campaignId() != null) {
			rollups.markDirty(sent.workspaceId(), sent.sentAt() == null ? clock.instant() : sent.sentAt());
		}
	}

	@ApplicationModuleListener
	void on(MessageFailed failed) {
		if (failed.campaignId() != null) {
			rollups.markDirty(failed.workspaceId(), failed.at() == null ? clock.instant() : failed.at());
		}
	}

	@ApplicationModuleListener
	void on(MessageOpened opened) {
		if (opened.campaignId() != null) {
			rollups.markDirty(opened.workspaceId(), opened.occurredAt());
		}
	}

	@ApplicationModuleListener
	void on(LinkClicked clicked) {
		if (clicked.campaignId() != null) {
			rollups.markDirty(clicked.workspaceId(), clicked.occurredAt());
		}
	}

}
