package com.penguinmails.alerts.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.alerts.AlertChannel;
import com.penguinmails.alerts.AlertSettings;
import com.penguinmails.alerts.EscalationPolicies;
import com.penguinmails.alerts.EscalationPolicy;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.Tenancy;

/**
 * The Edit pages of an alert channel and of an escalation policy (admins): a form with
 * the current values (never a Slack or Teams URL: an empty URL field keeps the stored
 * one). Saving goes back to Settings, Alerts; what went wrong shows on the form, with
 * what was typed.
 */
@Controller
class AlertEditController {

	private static final String PAGE = "/settings/alerts";

	/** The step rows of the policy form: as many as a policy may have. */
	private static final int STEP_ROWS = 5;

	/** A step row as the form shows it: the select's value, the address, the minutes. */
	record StepRow(String target, String email, String minutes) {
	}

	private final AlertSettings settings;

	private final EscalationPolicies escalation;

	private final Tenancy tenancy;

	AlertEditController(AlertSettings settings, EscalationPolicies escalation, Tenancy tenancy) {
		this.settings = settings;
		this.escalation = escalation;
		this.tenancy = tenancy;
	}

	@GetMapping(PAGE + "/channels/{id}/edit")
	String editChannel(@PathVariable UUID id, Model model) {
		AlertChannel channel = settings.channel(tenancy.current(), id);
		model.addAttribute("channel", channel);
		model.addAttribute("name", channel.name());
		model.addAttribute("addresses", channel.addresses());
		return "alerts/channel-edit";
	}

	@PostMapping(PAGE + "/channels/{id}")
	String saveChannel(@PathVariable UUID id, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String addresses, @RequestParam(defaultValue = "") String url, Model model,
			RedirectAttributes redirect) {
		AlertChannel channel = settings.channel(tenancy.current(), id);
		if (FormAction.inPage(model, () -> {
			settings.updateChannel(tenancy.current(), id, new AlertSettings.ChannelUpdate(name, addresses, url));
			return FormAction.Done.notice(null);
		})) {
			redirect.addFlashAttribute("notice", "Channel " + name.strip() + " saved.");
			return "redirect:" + PAGE;
		}
		model.addAttribute("channel", channel);
		model.addAttribute("name", name);
		model.addAttribute("addresses", addresses);
		return "alerts/channel-edit";
	}

	@GetMapping(PAGE + "/policies/{id}/edit")
	String editPolicy(@PathVariable UUID id, Model model) {
		EscalationPolicy policy = escalation.policy(tenancy.current(), id);
		List<StepRow> rows = new ArrayList<>();
		for (EscalationPolicy.Step step : policy.steps()) {
			rows.add(new StepRow(step.email() != null ? "email" : String.valueOf(step.channelId()),
					step.email() == null ? "" : step.email(), String.valueOf(step.afterMinutes())));
		}
		return policyForm(model, policy, policy.name(), rows);
	}

	@PostMapping(PAGE + "/policies/{id}")
	String savePolicy(@PathVariable UUID id, @RequestParam Map<String, String> form, Model model,
			RedirectAttributes redirect) {
		EscalationPolicy policy = escalation.policy(tenancy.current(), id);
		String name = form.getOrDefault("name", "");
		if (FormAction.inPage(model, () -> {
			escalation.updatePolicy(tenancy.current(), id,
					new EscalationPolicies.PolicyRequest(name, PolicyForm.steps(form, STEP_ROWS)));
			return FormAction.Done.notice(null);
		})) {
			redirect.addFlashAttribute("notice", "Escalation policy " + name.strip() + " saved.");
			return "redirect:" + PAGE;
		}
		List<StepRow> rows = new ArrayList<>();
		for (int i = 1; i <= STEP_ROWS; i++) {
			rows.add(new StepRow(form.getOrDefault("step" + i, ""), form.getOrDefault("step" + i + "Email", ""),
					form.getOrDefault("step" + i + "Minutes", "")));
		}
		return policyForm(model, policy, name, rows);
	}

	private String policyForm(Model model, EscalationPolicy policy, String name, List<StepRow> given) {
		List<StepRow> rows = new ArrayList<>(given);
		while (rows.size() < STEP_ROWS) {
			rows.add(new StepRow("", "", "15"));
		}
		model.addAttribute("policy", policy);
		model.addAttribute("name", name);
		model.addAttribute("rows", rows);
		model.addAttribute("channels", settings.channels(tenancy.current()));
		return "alerts/policy-edit";
	}

}
