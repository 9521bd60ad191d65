package com.penguinmails.warmup.web;

import java.io.Serializable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;
import com.penguinmails.warmup.PlacementTest;
import com.penguinmails.warmup.PlacementTests;

/** The placement tests page: run one, see the latest result, the history. */
@Controller
class PlacementController {

	/**
	 * The page's form.
	 *
	 * @param step a campaign step as {@code <campaign id>/<step from 1>}
	 * @param pool send to the warmup pool's mailboxes
	 * @param addresses more seed addresses, separated by commas, spaces or lines
	 */
	record PlacementForm(String step, UUID mailboxId, Boolean pool, String addresses) implements Serializable {
	}

	/** A choice of the step select. */
	record StepChoice(String value, String label) {
	}

	private final PlacementTests tests;

	private final Campaigns campaigns;

	private final Mailboxes mailboxes;

	private final Tenancy tenancy;

	private final Clock clock;

	PlacementController(PlacementTests tests, Campaigns campaigns, Mailboxes mailboxes, Tenancy tenancy, Clock clock) {
		this.tests = tests;
		this.campaigns = campaigns;
		this.mailboxes = mailboxes;
		this.tenancy = tenancy;
		this.clock = clock;
	}

	@GetMapping("/warmup/placement")
	String page(@RequestParam(required = false) UUID test, @RequestParam(required = false) String cursor, Model model) {
		Tenant tenant = tenancy.current();
		var history = tests.list(tenant, cursor, 20);
		model.addAttribute("history", history);
		UUID shown = test != null ? test : history.data().isEmpty() ? null : history.data().get(0).id();
		model.addAttribute("latest", shown == null ? null : tests.get(tenant, shown));
		model.addAttribute("steps", choices(tenant));
		model.addAttribute("mailboxes", mailboxes.list(tenant));
		// After a refused test the form shows what was typed again (a flash attribute).
		if (!model.containsAttribute("typed")) {
			model.addAttribute("typed", new PlacementForm(null, null, true, ""));
		}
		return "warmup/placement";
	}

	@PostMapping("/warmup/placement")
	String create(@ModelAttribute PlacementForm form, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/warmup/placement", () -> {
			String[] step = form.step() == null ? new String[0] : form.step().split("/", 2);
			if (step.length != 2) {
				throw new InvalidInputProblem("invalid-placement-test", "Choose a campaign step to test.");
			}
			List<String> seeds = new ArrayList<>();
			if (Boolean.TRUE.equals(form.pool())) {
				seeds.add(PlacementTests.POOL);
			}
			if (form.addresses() != null) {
				Arrays.stream(form.addresses().split("[\\s,;]+")).filter(s -> !s.isBlank()).forEach(seeds::add);
			}
			PlacementTest test = tests.create(tenancy.current(), new PlacementTests.NewPlacementTest(parse(step[0]),
					parseStep(step[1]), null, form.mailboxId(), seeds), clock.instant());
			return FormAction.Done.to("/warmup/placement?test=" + test.id(),
					"Sent to " + test.seeds().size() + " seed(s). Looking for it in each one we can read.");
		}, problem -> redirect.addFlashAttribute("typed", form));
	}

	@PostMapping("/warmup/placement/{id}/check")
	String check(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/warmup/placement?test=" + id, () -> {
			tests.check(tenancy.current(), id, clock.instant());
			return FormAction.Done.notice("Checked just now.");
		});
	}

	private List<StepChoice> choices(Tenant tenant) {
		List<StepChoice> choices = new ArrayList<>();
		for (Campaign campaign : campaigns.list(tenant)) {
			for (int n = 1; n <= campaign.steps().size(); n++) {
				var variants = campaign.steps().get(n - 1).variants();
				String subject = variants.isEmpty() ? "" : variants.get(0).subject();
				choices.add(new StepChoice(campaign.id() + "/" + n, campaign.name() + " · step " + n
						+ (subject == null || subject.isBlank() ? "" : ": " + subject)));
			}
		}
		return choices;
	}

	private static UUID parse(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("unknown-campaign", "Choose a campaign step to test.");
		}
	}

	private static Integer parseStep(String step) {
		try {
			return Integer.valueOf(step);
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputProblem("unknown-step", "Choose a campaign step to test.");
		}
	}

}
