package com.penguinmails.campaigns.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.beans.propertyeditors.StringArrayPropertyEditor;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.CampaignDiagnostics;
import com.penguinmails.campaigns.CampaignStatus;
import com.penguinmails.campaigns.CampaignSummary;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.internal.SendDiagnosis.Diagnosis;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.campaigns.Campaigns.LaunchRefused;
import com.penguinmails.contacts.Segments;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.delivery.SendingSwitch;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.FormAction.Done;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;

/**
 * Campaign pages: the list, and one campaign with its step editor (one card per step,
 * {@link StepsController}), its settings form (mailbox pool, schedule, tracking, stops),
 * recipients by state and the launch, pause and resume buttons.
 */
@Controller
class CampaignsController {

	private final Campaigns campaigns;

	private final Mailboxes mailboxes;

	private final Segments segments;

	private final Outbox outbox;

	private final SendingSwitch sendingSwitch;

	private final Tenancy tenancy;

	private final CampaignDiagnostics diagnostics;

	private final StepCards cards;

	CampaignsController(Campaigns campaigns, Mailboxes mailboxes, Segments segments, Outbox outbox,
			SendingSwitch sendingSwitch, Tenancy tenancy, CampaignDiagnostics diagnostics, StepCards cards) {
		this.cards = cards;
		this.diagnostics = diagnostics;
		this.campaigns = campaigns;
		this.mailboxes = mailboxes;
		this.segments = segments;
		this.outbox = outbox;
		this.sendingSwitch = sendingSwitch;
		this.tenancy = tenancy;
	}

	/** The list with each campaign's figures, sorted on the server by {@code sort}. */
	@GetMapping("/campaigns")
	String list(@RequestParam(defaultValue = "activity") String sort, Model model) {
		String order = CampaignSummary.SORTS.contains(sort) ? sort : CampaignSummary.SORTS.get(0);
		model.addAttribute("campaigns", diagnostics.summaries(tenancy.current(), order));
		model.addAttribute("sort", order);
		model.addAttribute("sending", sendingSwitch.status(tenancy.current()));
		return "campaigns/list";
	}

	/** Settings → Sending: the workspace's "pause all sending" switch. */
	@GetMapping("/settings/sending")
	String sendingSettings(Model model) {
		model.addAttribute("sending", sendingSwitch.status(tenancy.current()));
		return "campaigns/sending-settings";
	}

	/** The workspace's "pause all sending" switch (admins). */
	@PostMapping("/settings/sending/{action:pause|resume}")
	String sending(@PathVariable String action, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/settings/sending", () -> {
			if (action.equals("pause")) {
				sendingSwitch.pause(tenancy.current());
				return Done.notice("All sending is paused: nothing leaves until you resume.");
			}
			sendingSwitch.resume(tenancy.current());
			return Done.notice("Sending resumed.");
		});
	}

	@PostMapping("/campaigns")
	String create(@RequestParam String name, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/campaigns", () -> {
			Campaign campaign = campaigns.create(tenancy.current(), new Draft(name, null, null, null, null));
			return Done.to("/campaigns/" + campaign.id(), null);
		});
	}

	@GetMapping("/campaigns/{id}")
	String show(@PathVariable UUID id, Model model) {
		Tenant tenant = tenancy.current();
		Campaign campaign = campaigns.get(tenant, id);
		model.addAttribute("campaign", campaign);
		model.addAttribute("recipients", campaigns.recipients(tenant, id));
		model.addAttribute("mailboxes", mailboxes.list(tenant));
		model.addAttribute("lists", segments.lists(tenant));
		model.addAttribute("segments", segments.segments(tenant));
		cards.sequence(tenant, campaign, model);
		activity(tenant, id, model);
		return "campaigns/show";
	}

	/** Sends per step and the latest sends: refreshed by htmx every few seconds. */
	@GetMapping("/campaigns/{id}/activity")
	String activity(@PathVariable UUID id, Model model) {
		Tenant tenant = tenancy.current();
		model.addAttribute("campaign", campaigns.get(tenant, id));
		activity(tenant, id, model);
		return "campaigns/show :: activity";
	}

	private void activity(Tenant tenant, UUID id, Model model) {
		Campaign campaign = campaigns.get(tenant, id);
		if (campaign.status() == CampaignStatus.DRAFT) {
			model.addAttribute("estimate", diagnostics.estimate(tenant, id));
			model.addAttribute("firstSend", diagnostics.firstSend(campaign));
		}
		else {
			Diagnosis diagnosis = diagnostics.diagnose(tenant, id);
			model.addAttribute("diagnosis", diagnosis);
			model.addAttribute("nextSend", diagnostics.at(campaign, diagnosis.nextSend()));
		}
		model.addAttribute("recipients", campaigns.recipients(tenant, id));
		model.addAttribute("stepCounts", outbox.stepCounts(tenant, id));
		model.addAttribute("sends", outbox.sends(tenant, id, null, 20).data());
	}

	/**
	 * A form's arrays keep each value whole: "Hello, world" is one subject, not two (a
	 * single value is otherwise split at commas when bound to an array).
	 */
	@InitBinder("campaignForm")
	void arraysAsGiven(WebDataBinder binder) {
		binder.registerCustomEditor(String[].class, new StringArrayPropertyEditor(null));
	}

	/**
	 * Saves the settings form: name, pool, schedule, tracking and stop conditions (the
	 * steps have their own forms).
	 */
	@PostMapping("/campaigns/{id}")
	String save(@PathVariable UUID id, @ModelAttribute CampaignForm form, BindingResult binding, Model model) {
		if (binding.hasErrors()) {
			model.addAttribute("error", "Check the schedule: days, the daily limit and the pace are whole numbers.");
			return show(id, model);
		}
		FormAction.inPage(model, () -> {
			campaigns.update(tenancy.current(), id, form.toDraft());
			return Done.notice("Saved.");
		});
		return show(id, model);
	}

	@PostMapping("/campaigns/{id}/recipients")
	String addRecipients(@PathVariable UUID id, @RequestParam(required = false) UUID listId,
			@RequestParam(required = false) UUID segmentId, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/campaigns/" + id, () -> {
			int added = campaigns.addRecipients(tenancy.current(), id, List.of(),
					listId == null ? List.of() : List.of(listId), segmentId == null ? List.of() : List.of(segmentId));
			return Done.notice(added + " recipients added.");
		});
	}

	/**
	 * Resumes a paused mailbox of the campaign's pool (the banner's button), through
	 * mailboxes' API.
	 */
	@PostMapping("/campaigns/{id}/mailboxes/{mailboxId}/resume")
	String resumeMailbox(@PathVariable UUID id, @PathVariable UUID mailboxId, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/campaigns/" + id, () -> {
			Mailbox mailbox = mailboxes.get(tenancy.current(), mailboxId);
			mailboxes.pause(tenancy.current(), mailboxId, false);
			return Done.notice(mailbox.email() + " is active again.");
		});
	}

	@PostMapping("/campaigns/{id}/{action:launch|pause|resume|archive}")
	String lifecycle(@PathVariable UUID id, @PathVariable String action, RedirectAttributes redirect) {
		Tenant tenant = tenancy.current();
		return FormAction.run(redirect, "/campaigns/" + id, () -> {
			Campaign campaign = switch (action) {
				case "launch" -> campaigns.launch(tenant, id);
				case "pause" -> campaigns.pause(tenant, id);
				case "resume" -> campaigns.resume(tenant, id);
				default -> campaigns.archive(tenant, id);
			};
			String first = action.equals("launch") || action.equals("resume")
					? " First send: " + diagnostics.firstSend(campaign) + "." : "";
			String gap = action.equals("launch") && campaign.trackingGap() != null ? " " + campaign.trackingGap() : "";
			return Done.notice("The campaign is " + campaign.status() + "." + first + gap);
		}, problem -> {
			if (problem instanceof LaunchRefused refused) {
				redirect.addFlashAttribute("error", "The campaign cannot start yet.");
				redirect.addFlashAttribute("reasons", new ArrayList<>(refused.reasons()));
			}
		});
	}

}
