package com.penguinmails.alerts.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.MailboxErrored;

/**
 * A mailbox that sending put in error raises a critical alert (in the app and by email).
 */
@Component
class MailboxAlerts {

	private final AlertRaiser raiser;

	MailboxAlerts(AlertRaiser raiser) {
		this.raiser = raiser;
	}

	@ApplicationModuleListener
	void on(MailboxErrored errored) {
		String title = errored.email() + " stopped sending";
		String body = "Its SMTP server failed several times in a row (" + errored.error() + "). Its queued messages "
				+ "are held until the mailbox is fixed: edit its settings, then test the connection.";
		raiser.raise(errored.workspaceId(), "mailbox.failing", "critical", title, body,
				"/mailboxes/" + errored.mailboxId());
	}

}
