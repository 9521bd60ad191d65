package com.penguinmails.reputation.web;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.reputation.BlocklistDelisting;
import com.penguinmails.reputation.BlocklistListing;
import com.penguinmails.reputation.ChecklistStep;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;

/**
 * {@code /reputation/blocklists}: every listing with its removal link, the delisting
 * checklist and a re-check on demand.
 */
@Controller
class BlocklistsController {

	private static final String PAGE = "/reputation/blocklists";

	private final BlocklistDelisting delisting;

	private final Tenancy tenancy;

	BlocklistsController(BlocklistDelisting delisting, Tenancy tenancy) {
		this.delisting = delisting;
		this.tenancy = tenancy;
	}

	@GetMapping(PAGE)
	String list(Model model) {
		var listings = delisting.listings(tenancy.current());
		model.addAttribute("open", listings.stream().filter(BlocklistListing::open).toList());
		model.addAttribute("cleared", listings.stream().filter(l -> !l.open()).toList());
		if (listings.isEmpty()) {
			model.addAttribute("lastCheck", delisting.lastCheck(tenancy.current()));
		}
		return "reputation/blocklists";
	}

	@PostMapping(PAGE + "/{id}/steps")
	String step(@PathVariable UUID id, @RequestParam String step, @RequestParam(defaultValue = "true") boolean done,
			RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			ChecklistStep parsed = parse(step);
			delisting.step(tenancy.current(), id, parsed, done);
			return FormAction.Done.to(PAGE + "#listing-" + id,
					(done ? "Done: " : "Not done: ") + parsed.label().toLowerCase(java.util.Locale.ROOT) + ".");
		});
	}

	@PostMapping(PAGE + "/{id}/recheck")
	String recheck(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, PAGE, () -> {
			BlocklistListing listing = delisting.recheck(tenancy.current(), id);
			return FormAction.Done.to(PAGE + "#listing-" + id,
					listing.open() ? listing.name() + " still lists " + listing.target() + "."
							: listing.name() + " no longer lists " + listing.target() + ": the listing is closed.");
		});
	}

	static ChecklistStep parse(String step) {
		try {
			return ChecklistStep.of(step);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("invalid-step",
					"The step is one of find_cause, fix, request_removal, wait, recheck.");
		}
	}

}
