package com.penguinmails.alerts.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.penguinmails.alerts.EscalationPolicies;
import com.penguinmails.shared.InvalidInputProblem;

/**
 * An escalation policy's steps as the pages' forms post them: rows of {@code stepN} (a
 * channel id, or {@code email}), {@code stepNEmail} and {@code stepNMinutes}; rows left
 * empty are skipped.
 */
final class PolicyForm {

	private PolicyForm() {
	}

	static List<EscalationPolicies.StepRequest> steps(Map<String, String> form, int rows) {
		List<EscalationPolicies.StepRequest> steps = new ArrayList<>();
		for (int i = 1; i <= rows; i++) {
			String target = form.getOrDefault("step" + i, "");
			if (target.isBlank()) {
				continue;
			}
			String minutes = form.getOrDefault("step" + i + "Minutes", "").strip();
			Integer after = minutes.isEmpty() ? null : number(minutes);
			steps.add("email".equals(target)
					? new EscalationPolicies.StepRequest(null, form.getOrDefault("step" + i + "Email", ""), after)
					: new EscalationPolicies.StepRequest(id(target, "invalid-policy"), null, after));
		}
		return steps;
	}

	static UUID id(String value, String problemType) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem(problemType,
					"invalid-route".equals(problemType) ? "Choose a channel or a policy." : "Choose a channel.");
		}
	}

	private static int number(String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputProblem("invalid-policy", "Minutes are a whole number.");
		}
	}

}
