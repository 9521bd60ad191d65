package com.penguinmails.alerts.internal;

import java.util.List;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.SendingRouteFailing;
import com.penguinmails.mailboxes.SendingRouteRecovered;

/**
 * Sending routes whose providers are all failing raise one alert per outage listing the
 * routes: critical when some route's messages wait (no SMTP step), a warning when every
 * route falls back to its mailbox's own SMTP server (mail still flows); when a provider
 * passes its check again, an alert says the route sends again.
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
		List<SendingRouteFailing.Route> routes = failing.routes();
		String title = routes.size() == 1 ? "Every provider of a sending route is failing"
				: "Every provider of " + routes.size() + " sending routes is failing";
		StringBuilder body = new StringBuilder();
		for (SendingRouteFailing.Route route : routes) {
			body.append("Route ")
				.append(route.position())
				.append(": ")
				.append(route.words())
				.append(" None of its providers can send: ")
				.append(String.join("; ", route.providers()))
				.append(". ")
				.append(route.thenSmtp() ? "Meanwhile its messages go through their mailbox's own SMTP server. "
						: "Meanwhile its messages wait: the route has no SMTP step to fall back on. ");
		}
		body.append("Check each provider's key and its status page, then press Check now on the Sending routes page; "
				+ "or change the route to use another provider or end with the mailbox's own SMTP server.");
		raiser.raise(failing.workspaceId(), "route.failing", failing.messagesWait() ? "critical" : "warning", title,
				body.toString(), PATH);
	}

	@ApplicationModuleListener
	void on(SendingRouteRecovered recovered) {
		String title = "A sending route sends again";
		String body = recovered.provider() + " passed its health check, so route " + recovered.position()
				+ " sends through it again (" + stripped(recovered.route()) + "). Nothing to do.";
		raiser.raise(recovered.workspaceId(), "route.recovered", "info", title, body, PATH);
	}

	private static String stripped(String sentence) {
		return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
	}

}
