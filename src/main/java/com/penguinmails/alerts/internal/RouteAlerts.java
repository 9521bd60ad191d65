package com.penguinmails.alerts.internal;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.SendingRouteFailing;
import com.penguinmails.mailboxes.SendingRouteRecovered;

/**
 * A sending route whose providers are all failing raises a critical alert (once: the
 * mailboxes module publishes it when the last provider starts failing); when one passes
 * its check again, an alert says the route sends again.
 */
@Component
class RouteAlerts {

	private static final String PATH = "/mailboxes/sending-routes#routes";

	private final AlertRaiser raiser;

	RouteAlerts(AlertRaiser raiser) {
		this.raiser = raiser;
	}

	@ApplicationModuleListener
	void on(SendingRouteFailing failing) {
		String title = "Every provider of a sending route is failing";
		String meanwhile = failing.thenSmtp() ? "Meanwhile its messages go through their mailbox's own SMTP server."
				: "Meanwhile its messages wait: the route has no SMTP step to fall back on.";
		String body = "The route \u201c" + failing.route() + "\u201d cannot send through any of its providers: "
				+ String.join("; ", failing.providers()) + ". " + meanwhile + " Check each provider's key and its "
				+ "status page, then press Check now on the Sending routes page; or change the route to use another "
				+ "provider or end with the mailbox's own SMTP server.";
		raiser.raise(failing.workspaceId(), "critical", title, body, PATH);
	}

	@ApplicationModuleListener
	void on(SendingRouteRecovered recovered) {
		String title = "A sending route sends again";
		String body = recovered.provider() + " passed its health check, so the route \u201c" + recovered.route()
				+ "\u201d sends through it again. Nothing to do.";
		raiser.raise(recovered.workspaceId(), "info", title, body, PATH);
	}

}
