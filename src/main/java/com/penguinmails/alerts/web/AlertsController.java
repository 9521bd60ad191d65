package com.penguinmails.alerts.web;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.alerts.Alert;
import com.penguinmails.alerts.AlertTypes;
import com.penguinmails.alerts.Alerts;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.Tenancy;

/** The alerts page, one alert with its incident timeline, acknowledge and resolve. */
@Controller
class AlertsController {

	private final Alerts alerts;

	private final Tenancy tenancy;

	AlertsController(Alerts alerts, Tenancy tenancy) {
		this.alerts = alerts;
		this.tenancy = tenancy;
	}

	@GetMapping("/alerts")
	String list(Model model) {
		model.addAttribute("alerts", alerts.recent(tenancy.current(), 200));
		return "alerts/list";
	}

	@GetMapping("/alerts/{id:[0-9a-f-]{36}}")
	String show(@PathVariable UUID id, Model model) {
		Alert alert = alerts.find(tenancy.current(), id);
		model.addAttribute("alert", alert);
		model.addAttribute("typeName", AlertTypes.name(alert.type()));
		model.addAttribute("timeline", alerts.timeline(tenancy.current(), id));
		return "alerts/detail";
	}

	@PostMapping("/alerts/{id:[0-9a-f-]{36}}/acknowledge")
	String acknowledge(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/alerts/" + id, () -> {
			alerts.acknowledge(tenancy.current(), id);
			return FormAction.Done.notice("Acknowledged: escalation stopped.");
		});
	}

	@PostMapping("/alerts/{id:[0-9a-f-]{36}}/resolve")
	String resolve(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/alerts/" + id, () -> {
			alerts.resolve(tenancy.current(), id);
			return FormAction.Done.notice("Resolved.");
		});
	}

	@PostMapping("/alerts/read")
	String markRead() {
		alerts.markAllRead(tenancy.current());
		return "redirect:/alerts";
	}

}
