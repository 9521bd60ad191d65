package com.penguinmails.campaigns.web;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Stops;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.campaigns.Campaigns.LaunchRefused;
import com.penguinmails.contacts.Segments;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.delivery.SendingSwitch;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.FormAction.Done;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;

/**
 * Campaign pages: the list, and one campaign with its sequence editor (steps with up to
 * two variants each on the page; the API takes five), mailbox pool, schedule, recipients
 * by state and the launch, pause and resume buttons.
 */
@Controller
class CampaignsController {

	private final Campaigns campaigns;

	private final Mailboxes mailboxes;

	private final Segments segments;

	private final Outbox outbox;

	private final SendingSwitch sendingSwitch;

	private final Tenancy tenancy;

	CampaignsController(Campaigns campaigns, Mailboxes mailboxes, Segments segments, Outbox outbox,
			SendingSwitch sendingSwitch, Tenancy tenancy) {
		this.campaigns = campaigns;
		this.mailboxes = mailboxes;
		this.segments = segments;
		this.outbox = outbox;
		this.sendingSwitch = sendingSwitch;
		this.tenancy = tenancy;
	}

	@GetMapping("/campaigns")
	String list(Model model) {
		model.addAttribute("campaigns", campaigns.list(tenancy.current()));
		model.addAttribute("sending", sendingSwitch.status(tenancy.current()));
		return "campaigns/list";
	}

	/** The workspace's "pause all sending" switch (admins). */
	@PostMapping("/campaigns/sending/{action:pause|resume}")
	String sending(@PathVariable String action, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/campaigns", () -> {
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
		List<Step> steps = new ArrayList<>(campaign.steps());
		if (steps.size() < 20) {
			// One blank step to add.
			steps.add(new Step(steps.isEmpty() ? 0 : 2 * 24 * 60, false, List.of(new Variant("", "", null))));
		}
		model.addAttribute("steps", steps);
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
		model.addAttribute("recipients", campaigns.recipients(tenant, id));
		model.addAttribute("stepCounts", outbox.stepCounts(tenant, id));
		model.addAttribute("sends", outbox.sends(tenant, id, null, 20).data());
	}

	/**
	 * Saves the whole form: name, pool, schedule, stop conditions, and the steps (a step
	 * with an empty body is left out).
	 */
	@PostMapping("/campaigns/{id}")
	String save(@PathVariable UUID id, HttpServletRequest request, Model model) {
		try {
			campaigns.update(tenancy.current(), id, draft(request));
			model.addAttribute("notice", "Saved.");
		}
		catch (Problem problem) {
			model.addAttribute("error", problem.getMessage());
		}
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
			return Done.notice("The campaign is " + campaign.status() + ".");
		}, problem -> {
			if (problem instanceof LaunchRefused refused) {
				redirect.addFlashAttribute("error", "The campaign cannot start yet.");
				redirect.addFlashAttribute("reasons", new ArrayList<>(refused.reasons()));
			}
		});
	}

	private static Draft draft(HttpServletRequest request) {
		String name = request.getParameter("name");
		List<UUID> pool = new ArrayList<>();
		for (String mailbox : values(request, "mailboxId")) {
			pool.add(UUID.fromString(mailbox));
		}
		List<Integer> days = new ArrayList<>();
		for (String day : values(request, "day")) {
			days.add(Integer.parseInt(day));
		}
		Schedule schedule;
		try {
			String limit = request.getParameter("dailyLimit");
			String pace = request.getParameter("domainPacePerHour");
			schedule = new Schedule(request.getParameter("timeZone"), request.getParameter("contactTimeZone") != null,
					days, LocalTime.parse(request.getParameter("windowStart")),
					LocalTime.parse(request.getParameter("windowEnd")), null,
					limit == null || limit.isBlank() ? null : Integer.valueOf(limit.strip()),
					pace == null || pace.isBlank() ? 20 : Integer.parseInt(pace.strip()));
		}
		catch (DateTimeParseException | NumberFormatException | NullPointerException ex) {
			throw new InvalidInputProblem("invalid-schedule",
					"Check the schedule: times as HH:MM, limits as whole numbers.");
		}
		Stops stops = new Stops(request.getParameter("stopOnReply") != null,
				request.getParameter("stopOnClick") != null, request.getParameter("stopOnBounce") != null,
				request.getParameter("stopOnUnsubscribe") != null, request.getParameter("stopOnComplaint") != null,
				request.getParameter("stopCompanyOnReply") != null, request.getParameter("stopOnAutoReply") != null);
		String[] delays = values(request, "delayDays");
		String[] threads = values(request, "newThread");
		String[] subjectsA = values(request, "subjectA");
		String[] bodiesA = values(request, "bodyA");
		String[] subjectsB = values(request, "subjectB");
		String[] bodiesB = values(request, "bodyB");
		String[] metrics = values(request, "winnerMetric");
		String[] samples = values(request, "minSample");
		List<Step> steps = new ArrayList<>();
		for (int i = 0; i < bodiesA.length; i++) {
			if (bodiesA[i].isBlank()) {
				continue;
			}
			List<Variant> variants = new ArrayList<>();
			variants.add(new Variant(at(subjectsA, i), bodiesA[i], null));
			if (i < bodiesB.length && !bodiesB[i].isBlank()) {
				variants.add(new Variant(at(subjectsB, i), bodiesB[i], null));
			}
			int minutes;
			try {
				minutes = (int) Math.round(Double.parseDouble(at(delays, i).isBlank() ? "0" : at(delays, i)) * 24 * 60);
			}
			catch (NumberFormatException ex) {
				throw new InvalidInputProblem("invalid-step", "Step " + (i + 1) + ": the delay is a number of days.");
			}
			String metric = at(metrics, i).isBlank() ? null : at(metrics, i);
			Integer sample;
			try {
				sample = at(samples, i).isBlank() ? null : Integer.valueOf(at(samples, i).strip());
			}
			catch (NumberFormatException ex) {
				throw new InvalidInputProblem("invalid-step",
						"Step " + (i + 1) + ": the minimum sample is a whole number.");
			}
			steps.add(new Step(minutes, "true".equals(at(threads, i)), variants, metric, sample, null));
		}
		return new Draft(name, schedule, stops, pool, steps,
				new Campaign.Tracking(request.getParameter("trackOpens") != null,
						request.getParameter("trackClicks") != null, request.getParameter("plainText") != null));
	}

	private static String at(String[] values, int i) {
		return i < values.length ? values[i] : "";
	}

	private static String[] values(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		return values == null ? new String[0] : values;
	}

}
