package com.penguinmails.alerts.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.reputation.ReputationDropped;
import com.penguinmails.reputation.ReputationTimeline;

/**
 * A reputation score that dropped from one day to the next raises an alert (in the app
 * and by email) naming the part doing worst: critical when the score is now poor (under
 * {@link ReputationTimeline#POOR}), a warning otherwise.
 */
@Component
class ReputationAlerts {

	private final AlertRaiser raiser;

	ReputationAlerts(AlertRaiser raiser) {
		this.raiser = raiser;
	}

	@ApplicationModuleListener
	void on(ReputationDropped dropped) {
		String what = switch (dropped.kind()) {
			case "domain" -> "the domain " + dropped.label();
			case "ip" -> "the sending IP " + dropped.label();
			default -> dropped.label();
		};
		String worst = dropped.worstPart().isBlank() ? "" : " Worst part: " + dropped.worstPart() + ".";
		raiser.raise(dropped.workspaceId(), "reputation.dropped",
				dropped.to() < ReputationTimeline.POOR ? "critical" : "warning",
				"Reputation of " + what + " fell from " + dropped.from() + " to " + dropped.to(),
				"The reputation score of " + dropped.day() + " is " + dropped.to() + " of 100, " + dropped.from()
						+ " the day before." + worst
						+ " Open the timeline to see which figures changed, and the blocklists page for any listing.",
				dropped.path());
	}

}
