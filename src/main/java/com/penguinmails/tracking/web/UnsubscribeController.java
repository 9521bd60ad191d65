package com.penguinmails.tracking.web;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.penguinmails.tracking.Unsubscribes;

/**
 * The unsubscribe link of every message: a GET shows a confirmation page (a link
 * scanner's visit unsubscribes no one); a POST unsubscribes, either from that page or as
 * RFC 8058's one-click POST ({@code List-Unsubscribe=One-Click}) that mail providers send
 * with no page in between.
 */
@Controller
class UnsubscribeController {

	private final Unsubscribes unsubscribes;

	UnsubscribeController(Unsubscribes unsubscribes) {
		this.unsubscribes = unsubscribes;
	}

	@GetMapping("/u/{token}")
	String confirm(@PathVariable String token, Model model) {
		model.addAttribute("target", unsubscribes.target(token));
		model.addAttribute("token", token);
		return "tracking/unsubscribe";
	}

	@PostMapping("/u/{token}")
	Object unsubscribe(@PathVariable String token,
			@RequestParam(name = "List-Unsubscribe", required = false) String oneClick, Model model) {
		var target = unsubscribes.unsubscribe(token);
		if ("One-Click".equals(oneClick)) {
			return ResponseEntity.ok().build();
		}
		model.addAttribute("target", target);
		model.addAttribute("done", true);
		return "tracking/unsubscribe";
	}

}
