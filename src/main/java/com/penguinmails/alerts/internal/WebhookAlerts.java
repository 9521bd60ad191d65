package com.penguinmails.alerts.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.WebhookEndpointDisabled;

/**
 * A webhook endpoint the senders disabled (410 Gone, or failing for 5 days) raises a
 * critical alert, emailed to the workspace's admins: its events stop going out until an
 * admin enables it again.
 */
@Component
class WebhookAlerts {

	private final AlertRaiser raiser;

	WebhookAlerts(AlertRaiser raiser) {
		this.raiser = raiser;
	}

	@ApplicationModuleListener
	void on(WebhookEndpointDisabled disabled) {
		raiser.raise(disabled.workspaceId(), "webhook.disabled", "critical",
				"Webhook endpoint at " + disabled.host() + " was disabled",
				disabled.reason() + " Its pending deliveries have failed; no events go to it until an admin "
						+ "enables it again. The delivery log shows every attempt and can replay them.",
				"/settings/webhooks/" + disabled.endpointId());
	}

}
