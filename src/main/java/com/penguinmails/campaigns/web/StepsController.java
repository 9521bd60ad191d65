package com.penguinmails.campaigns.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.beans.propertyeditors.StringArrayPropertyEditor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Sequences;
import com.penguinmails.campaigns.StepLint;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.FormAction.Done;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;

/**
 * The campaign page's step editor: one card per step, each posted with htmx to these
 * endpoints, which call {@link Sequences} as the API does and answer with the changed
 * card (save, variants, templates), its status line (autosave) or the whole sequence
 * (add, duplicate, move, remove). A problem shows in the card, what was typed kept.
 */
@Controller
class StepsController {

	private static final String BAD_DELAY = "the delay is a whole number, 0 or more.";

	private final Campaigns campaigns;

	private final Sequences sequences;

	private final StepLint stepLint;

	private final StepCards cards;

	private final Tenancy tenancy;

	private final Clock clock;

	StepsController(Campaigns campaigns, Sequences sequences, StepLint stepLint, StepCards cards, Tenancy tenancy,
			Clock clock) {
		this.campaigns = campaigns;
		this.stepLint = stepLint;
		this.sequences = sequences;
		this.cards = cards;
		this.tenancy = tenancy;
		this.clock = clock;
	}

	/** A value with commas stays one value (a subject "Hi, Ada" is not two). */
	@InitBinder("stepForm")
	void arraysAsGiven(WebDataBinder binder) {
		binder.registerCustomEditor(String[].class, new StringArrayPropertyEditor(null));
	}

	@PostMapping("/campaigns/{id}/steps")
	String add(@PathVariable UUID id, Model model) {
		return whole(id, model, () -> sequences.add(tenancy.current(), id, null, null));
	}

	@PostMapping("/campaigns/{id}/steps/{n}/{action:duplicate|remove|up|down}")
	String arrange(@PathVariable UUID id, @PathVariable int n, @PathVariable String action, Model model) {
		Tenant tenant = tenancy.current();
		return whole(id, model, () -> switch (action) {
			case "duplicate" -> sequences.duplicate(tenant, id, n);
			case "remove" -> sequences.remove(tenant, id, n);
			case "up" -> sequences.move(tenant, id, n, n - 1);
			default -> sequences.move(tenant, id, n, n + 1);
		});
	}

	@PostMapping("/campaigns/{id}/steps/{n}")
	String save(@PathVariable UUID id, @PathVariable int n, @ModelAttribute StepForm form, BindingResult binding,
			Model model) {
		Tenant tenant = tenancy.current();
		return card(id, n, form, binding, model, () -> sequences.replace(tenant, id, n, form.toStep(n)),
				clock.instant());
	}

	/**
	 * The card's deliverability check of what is typed (the saved step when the form does
	 * not read), as {@code POST /api/v1/campaigns/{id}/steps/{n}/lint} gives it.
	 */
	@PostMapping("/campaigns/{id}/steps/{n}/lint")
	String lint(@PathVariable UUID id, @PathVariable int n, @ModelAttribute StepForm form, BindingResult binding,
			@RequestParam(defaultValue = "false") boolean links,
			@RequestParam(defaultValue = "false") boolean spamAssassin, Model model) {
		Step typed = typedOrSaved(form, binding, n);
		try {
			model.addAttribute("lint",
					stepLint.lint(tenancy.current(), id, n, typed, new StepLint.Checks(links, spamAssassin)));
		}
		catch (InvalidInputProblem problem) {
			model.addAttribute("lintError", problem.getMessage());
		}
		model.addAttribute("spamAssassinMissing", spamAssassin && !stepLint.spamAssassinInstalled());
		return "campaigns/steps :: lint";
	}

	/**
	 * The card's strict check over the campaign's recipients: who lacks which value, for
	 * what is typed (the saved step when the form does not read).
	 */
	@PostMapping("/campaigns/{id}/steps/{n}/missing")
	String missing(@PathVariable UUID id, @PathVariable int n, @ModelAttribute StepForm form, BindingResult binding,
			Model model) {
		Step typed = typedOrSaved(form, binding, n);
		try {
			model.addAttribute("missing", stepLint.missing(tenancy.current(), id, n, typed));
		}
		catch (InvalidInputProblem problem) {
			model.addAttribute("missingError", problem.getMessage());
		}
		return "campaigns/steps :: missing";
	}

	/** Discards step {@code n}'s autosaved draft; answers with the card as saved. */
	@PostMapping("/campaigns/{id}/steps/{n}/draft/discard")
	String discardDraft(@PathVariable UUID id, @PathVariable int n, Model model) {
		Tenant tenant = tenancy.current();
		FormAction.inPage(model, () -> {
			sequences.discardDraft(tenant, id, n);
			return Done.notice("Draft discarded: the step is as last saved.");
		});
		moveMessages(n, model);
		cards.card(tenant, campaigns.get(tenant, id), n, null, null, model);
		return "campaigns/steps :: card";
	}

	/**
	 * Autosave: keeps the edit as the step's draft; answers with the card's status line.
	 */
	@PostMapping("/campaigns/{id}/steps/{n}/draft")
	String draft(@PathVariable UUID id, @PathVariable int n, @ModelAttribute StepForm form, BindingResult binding,
			Model model) {
		if (binding.hasErrors()) {
			model.addAttribute("stepError", "Not saved as a draft: " + BAD_DELAY);
			return "campaigns/steps :: status";
		}
		FormAction.inPage(model, () -> {
			Campaign campaign = sequences.saveDraft(tenancy.current(), id, n, form.toStep(n));
			model.addAttribute("card",
					StepView.of(n, campaign.steps().get(n - 1), Map.of(), StepCards.zone(campaign), null, true));
			return Done.notice(null);
		});
		moveMessages(n, model);
		return "campaigns/steps :: status";
	}

	/**
	 * A variant change on the card: what is typed is saved first, then the variant is
	 * added, removed, taken from a template (copied or linked) or unlinked (keeping a
	 * copy).
	 */
	@PostMapping("/campaigns/{id}/steps/{n}/variants/{action:add|remove|template|unlink}")
	String variant(@PathVariable UUID id, @PathVariable int n, @PathVariable String action,
			@RequestParam(defaultValue = "1") int v, @RequestParam(required = false) UUID useTemplate,
			@RequestParam(defaultValue = "false") boolean linked, @ModelAttribute StepForm form, BindingResult binding,
			Model model) {
		Tenant tenant = tenancy.current();
		return card(id, n, form, binding, model, () -> {
			Campaign saved = sequences.replace(tenant, id, n, form.toStep(n));
			return switch (action) {
				case "add" -> sequences.addVariant(tenant, id, n, null, null, false);
				case "remove" -> sequences.removeVariant(tenant, id, n, v);
				case "template" -> sequences.useTemplate(tenant, id, n, v, useTemplate, linked);
				default -> sequences.useTemplate(tenant, id, n, v,
						saved.steps().get(n - 1).variants().get(Math.max(0, v - 1)).templateId(), false);
			};
		}, null);
	}

	@PostMapping("/campaigns/{id}/steps/{n}/variants/save-as-template")
	String saveAsTemplate(@PathVariable UUID id, @PathVariable int n, @RequestParam(defaultValue = "1") int v,
			@RequestParam(defaultValue = "") String templateName, Model model) {
		Tenant tenant = tenancy.current();
		FormAction.inPage(model, () -> {
			sequences.saveAsTemplate(tenant, id, n, v, templateName);
			return Done.notice("Saved as the template " + templateName.strip() + ".");
		});
		moveMessages(n, model);
		cards.card(tenant, campaigns.get(tenant, id), n, null, null, model);
		return "campaigns/steps :: card";
	}

	/** Runs a change of the sequence; answers with every card (numbers may change). */
	private String whole(UUID id, Model model, Supplier<Campaign> change) {
		FormAction.inPage(model, () -> {
			change.get();
			return Done.notice(null);
		});
		model.addAttribute("sequenceError", model.asMap().remove("error"));
		Tenant tenant = tenancy.current();
		cards.sequence(tenant, campaigns.get(tenant, id), model);
		return "campaigns/steps :: sequence";
	}

	/**
	 * Runs a change of step {@code n}; answers with its card, open: as saved (with
	 * "Saved" and {@code savedAt}), or after a problem as typed, with the problem.
	 */
	private String card(UUID id, int n, StepForm form, BindingResult binding, Model model, Supplier<Campaign> change,
			Instant savedAt) {
		Tenant tenant = tenancy.current();
		boolean done = !binding.hasErrors() && FormAction.inPage(model, () -> {
			change.get();
			return Done.notice(null);
		});
		if (binding.hasErrors()) {
			model.addAttribute("error", "Step " + n + ": " + BAD_DELAY);
		}
		moveMessages(n, model);
		cards.card(tenant, campaigns.get(tenant, id), n, done ? null : typed(form, n), done ? savedAt : null, model);
		return "campaigns/steps :: card";
	}

	/**
	 * A card's messages stay in that card (the page's own notice and error are others).
	 */
	private static void moveMessages(int n, Model model) {
		model.addAttribute("stepCard", n);
		model.addAttribute("stepError", model.asMap().remove("error"));
		model.addAttribute("stepNotice", model.asMap().remove("notice"));
	}

	/**
	 * What the card's form holds, or null (the saved step) when it holds nothing or does
	 * not read.
	 */
	private static Step typedOrSaved(StepForm form, BindingResult binding, int n) {
		boolean given = form.subject() != null || form.body() != null;
		return binding.hasErrors() || !given ? null : typed(form, n);
	}

	private static Step typed(StepForm form, int n) {
		try {
			return form.toStep(n);
		}
		catch (InvalidInputProblem | IllegalArgumentException ex) {
			return null;
		}
	}

}
