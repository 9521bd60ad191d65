package com.penguinmails.alerts.internal;

import java.time.Duration;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.reputation.PostmasterConnectionExpired;

/**
 * A Postmaster Tools or SNDS connection that must be connected again raises a warning
 * (once a day per workspace and service): its figures stop coming until then.
 */
@Component
class PostmasterAlerts {

	private final AlertRaiser raiser;

	PostmasterAlerts(AlertRaiser raiser) {
		this.raiser = raiser;
	}

	@ApplicationModuleListener
	void on(PostmasterConnectionExpired expired) {
		raiser.raiseOnce(expired.workspaceId(), "postmaster.expired", "warning",
				expired.service() + " must be connected again",
				expired.reason() + " Until then its daily figures stop coming.", "/reputation/postmaster",
				Duration.ofDays(1));
	}

}
