package com.penguinmails.alerts.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

import com.penguinmails.alerts.Alerts;
import com.penguinmails.shared.Tenancy;

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

	@PostMapping("/alerts/read")
	String markRead() {
		alerts.markAllRead(tenancy.current());
		return "redirect:/alerts";
	}

}
