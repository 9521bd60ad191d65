package com.penguinmails.alerts.internal;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Raises alerts and runs the notifier for tests outside this package (the pages' browser
 * test), through the real raiser and notifier.
 */
@Component
public class AlertFixtures {

	private final AlertRaiser raiser;

	private final AlertNotifier notifier;

	AlertFixtures(AlertRaiser raiser, AlertNotifier notifier) {
		this.raiser = raiser;
		this.notifier = notifier;
	}

	/** Raises an alert as a feature's listener would; returns its id. */
	public UUID raise(UUID workspaceId, String type, String severity, String title, String body, String path) {
		return raiser.raise(workspaceId, type, severity, title, body, path);
	}

	/** One round of the notifier at {@code now}. */
	public void deliver(Instant now) {
		notifier.round(now);
	}

}
