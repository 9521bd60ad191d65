package com.penguinmails.alerts.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import com.penguinmails.alerts.Alerts;

/**
 * The signed acknowledgement link of alert messages, without sign-in: GET shows the alert
 * and a button, POST acknowledges. A GET changes nothing, so a chat app's link preview or
 * a mail scanner fetching the link does not acknowledge on someone's behalf.
 */
@Controller
class AckLinkController {

	private final Alerts alerts;

	AckLinkController(Alerts alerts) {
		this.alerts = alerts;
	}

	@GetMapping("/alerts/ack/{token}")
	String confirm(@PathVariable String token, Model model) {
		model.addAttribute("token", token);
		model.addAttribute("alert", alerts.byLink(token).orElse(null));
		model.addAttribute("done", false);
		return "alerts/ack";
	}

	@PostMapping("/alerts/ack/{token}")
	String acknowledge(@PathVariable String token, Model model) {
		model.addAttribute("token", token);
		model.addAttribute("alert", alerts.acknowledgeByLink(token).orElse(null));
		model.addAttribute("done", true);
		return "alerts/ack";
	}

}
