package com.penguinmails.tracking.web;

import java.util.Locale;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

import com.penguinmails.tracking.Unsubscribed.Scope;
import com.penguinmails.tracking.Unsubscribes;
import com.penguinmails.tracking.internal.TrackingHostFilter;

/**
 * The unsubscribe link of every message: a GET shows a preference page (a link scanner's
 * visit unsubscribes no one) where the recipient leaves this campaign only or everything
 * from the sender; a POST unsubscribes, either from that page or as RFC 8058's one-click
 * POST that mail providers send with no page in between.
 */
@Controller
class UnsubscribeController {

	private final Unsubscribes unsubscribes;

	UnsubscribeController(Unsubscribes unsubscribes) {
		this.unsubscribes = unsubscribes;
	}

	@GetMapping("/u/{token}")
	String confirm(@PathVariable String token,
			@RequestAttribute(name = TrackingHostFilter.WORKSPACE, required = false) UUID hostWorkspace, Model model) {
		var target = unsubscribes.target(token, hostWorkspace);
		model.addAttribute("target", target);
		model.addAttribute("token", token);
		if (target.erased()) {
			// Erased on request: already unsubscribed for good, nothing to choose.
			model.addAttribute("scope", "all");
			model.addAttribute("done", true);
		}
		return "tracking/unsubscribe";
	}

	@PostMapping("/u/{token}")
	Object unsubscribe(@PathVariable String token,
			@RequestParam(name = "List-Unsubscribe", required = false) String oneClick,
			@RequestParam(required = false) String scope,
			@RequestAttribute(name = TrackingHostFilter.WORKSPACE, required = false) UUID hostWorkspace, Model model) {
		// RFC 8058 §3.1: the POST body is exactly "List-Unsubscribe=One-Click"; the
		// provider unsubscribes the user from the list, so from everything.
		if ("One-Click".equals(oneClick)) {
			unsubscribes.unsubscribe(token, Scope.ALL, hostWorkspace);
			return ResponseEntity.ok().build();
		}
		var done = unsubscribes.unsubscribe(token, "campaign".equals(scope) ? Scope.CAMPAIGN : Scope.ALL,
				hostWorkspace);
		model.addAttribute("target", done.target());
		model.addAttribute("scope", done.scope().name().toLowerCase(Locale.ROOT));
		model.addAttribute("done", true);
		return "tracking/unsubscribe";
	}

}
