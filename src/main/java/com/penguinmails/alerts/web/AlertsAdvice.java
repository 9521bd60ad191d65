package com.penguinmails.alerts.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import com.penguinmails.alerts.Alerts;
import com.penguinmails.shared.Tenancy;

/** The unread alert count, for the top bar of every page. */
@ControllerAdvice(annotations = Controller.class)
class AlertsAdvice {

	private final Alerts alerts;

	private final Tenancy tenancy;

	AlertsAdvice(Alerts alerts, Tenancy tenancy) {
		this.alerts = alerts;
		this.tenancy = tenancy;
	}

	@ModelAttribute("unreadAlerts")
	Long unreadAlerts() {
		return tenancy.find().filter(t -> !t.viaApiKey()).map(alerts::unread).orElse(null);
	}

}
