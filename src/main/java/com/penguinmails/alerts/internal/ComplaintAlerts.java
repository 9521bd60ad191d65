package com.penguinmails.alerts.internal;

import java.util.Locale;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.inbound.ComplaintRateExceeded;

/**
 * A mailbox whose spam complaint rate crossed 0.1% raises a warning; one paused at 0.3% a
 * critical alert (in the app and by email); a complaint to a mailbox that sent too little
 * for a rate, a warning that says so.
 */
@Component
class ComplaintAlerts {

	private final AlertRaiser raiser;

	ComplaintAlerts(AlertRaiser raiser) {
		this.raiser = raiser;
	}

	@ApplicationModuleListener
	void on(ComplaintRateExceeded exceeded) {
		String rate = String.format(Locale.ROOT, "%.2f%%", exceeded.rate() * 100);
		String figures = exceeded.complaints() + " spam complaint(s) for " + exceeded.sent()
				+ " message(s) sent in the last 30 days (" + rate + ")";
		if (exceeded.paused()) {
			raiser.raise(exceeded.workspaceId(), "mailbox.complaints_paused", "critical",
					exceeded.email() + " was paused: too many spam complaints",
					figures + ", over the 0.3% that Gmail and Yahoo do not tolerate. Review the campaign's list and "
							+ "copy, then resume the mailbox.",
					"/mailboxes/" + exceeded.mailboxId());
			return;
		}
		if (exceeded.minimumSent() > 0) {
			raiser.raiseOnce(exceeded.workspaceId(), "mailbox.complaint", "warning",
					exceeded.email() + ": a spam complaint",
					figures + ". Too few messages for a rate: PenguinMails pauses a mailbox for complaints only "
							+ "once it has sent " + exceeded.minimumSent() + " in 30 days. Check who the campaign "
							+ "writes to and what it says.",
					"/mailboxes/" + exceeded.mailboxId(), java.time.Duration.ofDays(1));
			return;
		}
		// Every complaint over the threshold confirms it: one warning a day is enough.
		raiser.raiseOnce(exceeded.workspaceId(), "mailbox.complaints_high", "warning",
				exceeded.email() + ": spam complaints above 0.1%",
				figures + ". Gmail and Yahoo ask bulk senders to stay under 0.1%; at 0.3% PenguinMails pauses the "
						+ "mailbox.",
				"/mailboxes/" + exceeded.mailboxId(), java.time.Duration.ofDays(1));
	}

}
