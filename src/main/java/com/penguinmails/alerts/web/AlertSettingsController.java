package com.penguinmails.alerts.web;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.alerts.AlertSettings;
import com.penguinmails.alerts.AlertTypes;
import com.penguinmails.alerts.EscalationPolicies;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;

/**
 * Settings, Alerts: channels with their quiet hours and last error, routing rules and
 * escalation policies (admins), each with its Edit page ({@link AlertEditController}).
 * Each form posts, redirects back, and shows what went wrong at the top of the page.
 */
@Controller
class AlertSettingsController {

	private static final String PAGE = "/settings/alerts";

	private final AlertSettings settings;

	private final EscalationPolicies escalation;

	private final Tenancy tenancy;

	AlertSettingsController(AlertSettings settings, EscalationPolicies escalation, Tenancy tenancy) {
		this.settings = settings;
		this.escalation = escalation;
		this.tenancy = tenancy;
	}

	@GetMapping(PAGE)
	String page(Model model) {
		model.addAttribute("channels", settings.channels(tenancy.current()));
		model.addAttribute("routes", settings.routes(tenancy.current()));
		model.addAttribute("policies", escalation.policies(tenancy.current()));
		model.addAttribute("types", AlertTypes.all());
		return "alerts/settings";
	}

	@PostMapping(PAGE + "/channels")
	String addChannel(@RequestParam String name, @RequestParam String kind,
			@RequestParam(defaultValue = "") String addresses, @RequestParam(defaultValue = "") String url,
			RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			settings.addChannel(tenancy.current(), new AlertSettings.ChannelRequest(name, kind, addresses, url));
			return FormAction.Done.notice("Channel " + name.strip() + " added.");
		});
	}

	@PostMapping(PAGE + "/channels/{id}/quiet-hours")
	String quietHours(@PathVariable UUID id, @RequestParam(defaultValue = "") String zone,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
			@RequestParam(defaultValue = "false") boolean criticalBypasses, RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			settings.setQuietHours(tenancy.current(), id,
					new AlertSettings.QuietHoursRequest(zone, time(from), time(to), criticalBypasses));
			return FormAction.Done.notice(zone.isBlank() ? "Quiet hours removed." : "Quiet hours saved.");
		});
	}

	@PostMapping(PAGE + "/channels/{id}/test")
	String test(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE,
				() -> FormAction.Done.notice("Test message: " + settings.test(tenancy.current(), id) + "."));
	}

	@PostMapping(PAGE + "/channels/{id}/delete")
	String deleteChannel(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			settings.deleteChannel(tenancy.current(), id);
			return FormAction.Done.notice("Channel deleted.");
		});
	}

	@PostMapping(PAGE + "/routes")
	String addRoute(@RequestParam String match, @RequestParam(defaultValue = "") String severity,
			@RequestParam String target, RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			String kind = match.contains(":") ? match.substring(0, match.indexOf(':')) : match;
			String value = match.contains(":") ? match.substring(match.indexOf(':') + 1) : "";
			UUID channel = target.startsWith("channel:") ? PolicyForm.id(target.substring(8), "invalid-route") : null;
			UUID policy = target.startsWith("policy:") ? PolicyForm.id(target.substring(7), "invalid-route") : null;
			settings.addRoute(tenancy.current(),
					new AlertSettings.RouteRequest(kind, value, severity, channel, policy));
			return FormAction.Done.notice("Routing rule added.");
		});
	}

	@PostMapping(PAGE + "/routes/{id}/delete")
	String deleteRoute(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			settings.deleteRoute(tenancy.current(), id);
			return FormAction.Done.notice("Routing rule deleted.");
		});
	}

	/** A policy from up to 3 rows of steps ({@link PolicyForm}). */
	@PostMapping(PAGE + "/policies")
	String addPolicy(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			escalation.addPolicy(tenancy.current(),
					new EscalationPolicies.PolicyRequest(form.get("name"), PolicyForm.steps(form, 3)));
			return FormAction.Done.notice("Escalation policy added.");
		});
	}

	@PostMapping(PAGE + "/policies/{id}/delete")
	String deletePolicy(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			escalation.deletePolicy(tenancy.current(), id);
			return FormAction.Done.notice("Escalation policy deleted.");
		});
	}

	private static LocalTime time(String value) {
		if (value.isBlank()) {
			return null;
		}
		try {
			return LocalTime.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputProblem("invalid-quiet-hours", "Times are HH:MM, for example 22:00.");
		}
	}

}
