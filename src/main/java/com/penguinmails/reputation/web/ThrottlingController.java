package com.penguinmails.reputation.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.reputation.RecipientProvider;
import com.penguinmails.reputation.SendingThrottles;
import com.penguinmails.reputation.SendingThrottles.Decision;
import com.penguinmails.reputation.SendingThrottles.PathView;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.FormAction.Done;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;

/**
 * The throttling page: each limited path (a mailbox to a recipient provider) with its
 * override form, and the latest decisions with their evidence.
 */
@Controller
class ThrottlingController {

	/**
	 * The override form of a path.
	 *
	 * @param until for keep_suspended: a date and time, UTC ({@code 2026-12-01T18:00})
	 */
	record OverrideForm(UUID mailboxId, String path, String action, String until, Integer perHour,
			Integer minGapSeconds) {
	}

	private final SendingThrottles throttles;

	private final Mailboxes mailboxes;

	private final Tenancy tenancy;

	ThrottlingController(SendingThrottles throttles, Mailboxes mailboxes, Tenancy tenancy) {
		this.throttles = throttles;
		this.mailboxes = mailboxes;
		this.tenancy = tenancy;
	}

	@GetMapping("/reputation/throttling")
	String page(Model model) {
		Tenant tenant = tenancy.current();
		List<PathView> paths = throttles.paths(tenant);
		List<Decision> decisions = throttles.decisions(tenant, 100);
		Map<UUID, String> emails = new HashMap<>();
		for (Mailbox mailbox : mailboxes.findAll(tenant.workspaceId(),
				decisions.stream().map(Decision::mailboxId).distinct().toList())) {
			emails.put(mailbox.id(), mailbox.email());
		}
		model.addAttribute("paths", paths);
		model.addAttribute("decisions", decisions);
		model.addAttribute("emails", emails);
		return "reputation/throttling";
	}

	@PostMapping("/reputation/throttling/override")
	String override(@ModelAttribute OverrideForm form, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/reputation/throttling", () -> {
			if (form.mailboxId() == null) {
				throw new InvalidInputProblem("invalid-mailbox", "Choose a path to override.");
			}
			Decision decision = throttles.override(tenancy.current(), form.mailboxId(), form.path(),
					new SendingThrottles.Override(form.action(), until(form.until()), form.perHour(),
							form.minGapSeconds()));
			String to = decision.provider() == RecipientProvider.OTHER ? decision.path() : decision.provider().label();
			return Done.notice(decision.action().label() + ": sending to " + to + ".");
		});
	}

	private static Instant until(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputProblem("invalid-until", "Give the end of the suspension as a date and time (UTC).");
		}
	}

}
