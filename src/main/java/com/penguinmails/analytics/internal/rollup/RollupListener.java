package com.penguinmails.analytics.internal.rollup;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.delivery.MessageFailed;
import com.penguinmails.delivery.MessageSent;
import com.penguinmails.tracking.EngagementsTracked;
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

	/** Each hour a batch of opens and clicks touched, marked once. */
	@ApplicationModuleListener
	void on(EngagementsTracked tracked) {
		Set<Map.Entry<UUID, Instant>> hours = new LinkedHashSet<>();
		for (MessageOpened opened : tracked.opens()) {
			if (opened.campaignId() != null) {
				hours.add(Map.entry(opened.workspaceId(), RollupStore.hourOf(opened.occurredAt())));
			}
		}
		for (LinkClicked clicked : tracked.clicks()) {
			if (clicked.campaignId() != null) {
				hours.add(Map.entry(clicked.workspaceId(), RollupStore.hourOf(clicked.occurredAt())));
			}
		}
		hours.forEach(hour -> rollups.markDirty(hour.getKey(), hour.getValue()));
	}

}
