package com.penguinmails.inbound.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.inbound.ProviderWebhooks;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;

/**
 * The page of the sending providers' webhooks: where each provider posts, Postmark's
 * credentials (shown once when made), Mailgun's signing key, and the latest events with
 * what became of them.
 */
@Controller
class ProviderWebhooksController {

	private final ProviderWebhooks webhooks;

	private final Tenancy tenancy;

	ProviderWebhooksController(ProviderWebhooks webhooks, Tenancy tenancy) {
		this.webhooks = webhooks;
		this.tenancy = tenancy;
	}

	@GetMapping("/mailboxes/provider-webhooks")
	String show(Model model) {
		model.addAttribute("endpoints", webhooks.endpoints(tenancy.current()));
		model.addAttribute("events", webhooks.recentEvents(tenancy.current(), 20));
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
