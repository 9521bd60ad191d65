package com.penguinmails.warmup;

import java.time.Clock;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.delivery.MessageSent;
import com.penguinmails.mailboxes.MailboxConnected;
import com.penguinmails.warmup.internal.WarmupStore;

/**
 * What warmup learns from other features' events: a campaign message sent from a warming
 * mailbox starts its graduation (once); a mailbox connected in a workspace that warms new
 * mailboxes starts warming with the default preset.
 */
@Component
class WarmupEvents {

	private final WarmupStore store;

	private final Warmup warmup;

	private final Clock clock;

	WarmupEvents(WarmupStore store, Warmup warmup, Clock clock) {
		this.store = store;
		this.warmup = warmup;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(MessageSent sent) {
		if (sent.campaignId() != null && sent.mailboxId() != null) {
			store.campaignsStarted(sent.workspaceId(), sent.mailboxId(), sent.sentAt());
		}
	}

	@ApplicationModuleListener
	void on(MailboxConnected connected) {
		warmup.startForNewMailbox(connected.workspaceId(), connected.mailboxId(), clock.instant());
	}

}
