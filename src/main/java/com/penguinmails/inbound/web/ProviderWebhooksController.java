package com.penguinmails.inbound.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.inbound.ProviderReconciliations;
import com.penguinmails.inbound.ProviderWebhooks;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;

/**
 * The page of the sending providers' webhooks: where each provider posts, Postmark's
 * credentials (shown once when made), Mailgun's signing key, each provider account's
 * reconciliation (with "Reconcile now" for admins), and the latest events with what
 * became of them.
 */
@Controller
class ProviderWebhooksController {

	private final ProviderWebhooks webhooks;

	private final ProviderReconciliations reconciliations;

	private final Tenancy tenancy;

	ProviderWebhooksController(ProviderWebhooks webhooks, ProviderReconciliations reconciliations, Tenancy tenancy) {
		this.webhooks = webhooks;
		this.reconciliations = reconciliations;
		this.tenancy = tenancy;
	}

	@GetMapping("/mailboxes/provider-webhooks")
	String show(Model model) {
		model.addAttribute("endpoints", webhooks.endpoints(tenancy.current()));
		model.addAttribute("events", webhooks.recentEvents(tenancy.current(), 20));
		model.addAttribute("reconciliations", reconciliations.list(tenancy.current()));
		return "mailboxes/provider-webhooks";
	}

	/**
	 * Shows the new credentials in this answer only (never through the session, where the
	 * password would be stored).
	 */
	@PostMapping("/mailboxes/provider-webhooks/postmark")
	String postmark(Model model) {
		model.addAttribute("postmark", webhooks.newPostmarkCredentials(tenancy.current()));
		model.addAttribute("notice", "New Postmark credentials: copy the URL now, it is not shown again.");
		return show(model);
	}

	@PostMapping("/mailboxes/provider-webhooks/reconcile")
	String reconcile(RedirectAttributes redirect) {
		ProviderReconciliations.Outcome outcome = reconciliations.reconcileNow(tenancy.current());
		int missed = outcome.missed();
		String found = missed == 0 ? "nothing was missed" : missed + (missed == 1 ? " event" : " events")
				+ " no webhook had delivered " + (missed == 1 ? "is" : "are") + " now handled";
		if (outcome.failed() > 0) {
			redirect.addFlashAttribute("error", outcome.failed() + " of " + outcome.accounts()
					+ (outcome.accounts() == 1 ? " account" : " accounts") + " could not be read: the table says why."
					+ (outcome.read() > 0 ? " From the others, " + found + "." : ""));
		}
		else {
			redirect.addFlashAttribute("notice", "Read the providers' lists: " + found + ".");
		}
		return "redirect:/mailboxes/provider-webhooks#reconciliation";
	}

	@PostMapping("/mailboxes/provider-webhooks/mailgun")
	String mailgun(@RequestParam(defaultValue = "") String signingKey, Model model, RedirectAttributes redirect) {
		try {
			webhooks.setMailgunSigningKey(tenancy.current(), signingKey);
		}
		catch (InvalidInputProblem problem) {
			model.addAttribute("mailgunError", problem.getMessage());
			return show(model);
		}
		redirect.addFlashAttribute("notice", "Mailgun's signing key is stored.");
		return "redirect:/mailboxes/provider-webhooks";
	}

}
