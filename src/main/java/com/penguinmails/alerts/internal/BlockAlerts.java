package com.penguinmails.alerts.internal;

import java.time.Duration;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.inbound.SendingBlocked;

/**
 * A receiver refusing a mailbox's mail for a reason about us raises a warning (once a day
 * per mailbox); the mailbox paused for it, a critical alert (in the app and by email).
 */
@Component
class BlockAlerts {

	private final AlertRaiser raiser;

	BlockAlerts(AlertRaiser raiser) {
		this.raiser = raiser;
	}

	@ApplicationModuleListener
	void on(SendingBlocked blocked) {
		String where = (blocked.remoteMta() != null) ? " by " + blocked.remoteMta() : "";
		String reply = (blocked.diagnostic() != null) ? " The server said: " + clip(blocked.diagnostic()) : "";
		if (blocked.paused()) {
			raiser.raise(blocked.workspaceId(), "mailbox.blocked_paused", "critical",
					blocked.email() + " was paused: receivers are refusing its mail (" + blocked.reason().label() + ")",
					blocked.blocksInWindow() + " message(s) refused in the last 24 hours" + where + "." + reply
							+ " Fix the cause (block list, DNS records, content), then resume the mailbox.",
					"/mailboxes/" + blocked.mailboxId());
			return;
		}
		raiser.raiseOnce(blocked.workspaceId(), "mailbox.blocked", "warning",
				blocked.email() + ": mail refused (" + blocked.reason().label() + ")",
				"A receiving server refused a message" + where + " for a reason about the sender, not the recipient."
						+ reply + " The recipient was not suppressed.",
				"/mailboxes/" + blocked.mailboxId(), Duration.ofDays(1));
	}

	private static String clip(String text) {
		return (text.length() > 300) ? text.substring(0, 300) + "…" : text;
	}

}
