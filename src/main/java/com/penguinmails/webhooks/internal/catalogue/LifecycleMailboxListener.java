package com.penguinmails.webhooks.internal.catalogue;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.MailboxPaused;
import com.penguinmails.mailboxes.MailboxResumed;
import com.penguinmails.webhooks.EventType;

/**
 * Mailboxes' pauses in the catalogue: {@code mailbox.paused} (by a person or a guard) and
 * {@code mailbox.resumed}, keyed by the mailbox and the instant, no ordering key.
 */
@Component
class LifecycleMailboxListener {

	private final LifecycleShapes shapes;

	LifecycleMailboxListener(LifecycleShapes shapes) {
		this.shapes = shapes;
	}

	@ApplicationModuleListener
	void on(MailboxPaused paused) {
		if (!shapes.wanted(paused.workspaceId(), EventType.MAILBOX_PAUSED)) {
			return;
		}
		ObjectNode data = shapes.data(paused.workspaceId());
		data.set("mailbox", shapes.mailbox(paused.mailboxId(), paused.email()));
		data.put("reason", paused.reason());
		data.put("paused_by", paused.automatic() ? "automatic" : "person");
		if (!paused.automatic() && paused.by() != null && paused.by().contains("@")) {
			data.put("member_email", paused.by());
		}
		LifecycleShapes.instant(data, "paused_at", paused.pausedAt());
		shapes.append(paused.workspaceId(), EventType.MAILBOX_PAUSED,
				"mailbox.paused:" + paused.mailboxId() + ":" + paused.pausedAt(), null, paused.pausedAt(), data);
	}

	@ApplicationModuleListener
	void on(MailboxResumed resumed) {
		if (!shapes.wanted(resumed.workspaceId(), EventType.MAILBOX_RESUMED)) {
			return;
		}
		ObjectNode data = shapes.data(resumed.workspaceId());
		data.set("mailbox", shapes.mailbox(resumed.mailboxId(), resumed.email()));
		LifecycleShapes.uuid(data, "user_id", resumed.resumedBy());
		LifecycleShapes.instant(data, "resumed_at", resumed.resumedAt());
		shapes.append(resumed.workspaceId(), EventType.MAILBOX_RESUMED,
				"mailbox.resumed:" + resumed.mailboxId() + ":" + resumed.resumedAt(), null, resumed.resumedAt(), data);
	}

}
