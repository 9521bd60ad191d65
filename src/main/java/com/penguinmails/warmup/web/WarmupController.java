package com.penguinmails.warmup.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;
import com.penguinmails.warmup.MailboxWarmup;
import com.penguinmails.warmup.MailboxWarmupChanges;
import com.penguinmails.warmup.Warmup;
import com.penguinmails.warmup.WarmupDays;
import com.penguinmails.warmup.WarmupPool;
import com.penguinmails.warmup.WarmupSchedule;
import com.penguinmails.warmup.WarmupSettingInvalid;
import com.penguinmails.warmup.WarmupSettings;

/**
 * The warmup pages: {@code /warmup} (pool settings, every mailbox) and one mailbox's
 * schedule.
 */
@Controller
class WarmupController {

	/** The pool settings form; an unticked box is absent (false). */
	record SettingsForm(Boolean sharedPool, Boolean enableNewMailboxes, String defaultPreset,
			Integer spamThresholdPercent) {

		WarmupSettings.Changes toChanges() {
			return new WarmupSettings.Changes(Boolean.TRUE.equals(sharedPool), Boolean.TRUE.equals(enableNewMailboxes),
					defaultPreset, spamThresholdPercent);
		}

	}

	/** The schedule form of one mailbox; an unticked box is absent (false). */
	record ScheduleForm(Boolean enabled, String preset, Integer startPerDay, Integer increasePerDay, Integer maxPerDay,
			Integer replyRatePercent, Boolean weekdaysOnly, Boolean randomTimes, String windowStart, String windowEnd,
			String timeZone, Integer maintenancePerDay, Integer campaignStartPerDay, Integer campaignIncreasePerDay) {

		static ScheduleForm of(MailboxWarmup m) {
			WarmupSchedule s = m.schedule();
			return new ScheduleForm(m.enabled(), s.preset().value(), s.startPerDay(), s.increasePerDay(), s.maxPerDay(),
					s.replyRatePercent(), s.weekdaysOnly(), s.randomTimes(), m.windowStart().toString(),
					m.windowEnd().toString(), m.timeZone(), m.maintenancePerDay(), m.campaignStartPerDay(),
					m.campaignIncreasePerDay());
		}

		MailboxWarmupChanges toChanges() {
			return new MailboxWarmupChanges(Boolean.TRUE.equals(enabled), preset, startPerDay, increasePerDay,
					maxPerDay, replyRatePercent, Boolean.TRUE.equals(weekdaysOnly), Boolean.TRUE.equals(randomTimes),
					windowStart, windowEnd, timeZone, maintenancePerDay, campaignStartPerDay, campaignIncreasePerDay);
		}

	}

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", java.util.Locale.ENGLISH);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm",
			java.util.Locale.ENGLISH);

	private final Warmup warmup;

	private final WarmupDays days;

	private final WarmupPool pool;

	private final Tenancy tenancy;

	private final Clock clock;

	WarmupController(Warmup warmup, WarmupDays days, WarmupPool pool, Tenancy tenancy, Clock clock) {
		this.warmup = warmup;
		this.days = days;
		this.pool = pool;
		this.tenancy = tenancy;
		this.clock = clock;
	}

	@GetMapping("/warmup")
	String list(Model model) {
		Tenant tenant = tenancy.current();
		model.addAttribute("settings", warmup.settings(tenant));
		List<MailboxWarmup> all = warmup.mailboxes(tenant, clock.instant());
		model.addAttribute("mailboxes", all);
		// Today in UTC: the day the loop plans first.
		model.addAttribute("shortfalls", pool.unplannedReasons(all.stream().map(MailboxWarmup::mailboxId).toList(),
				LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)));
		model.addAttribute("presets", WarmupSchedule.Preset.values());
		return "warmup/list";
	}

	@PostMapping("/warmup/settings")
	String saveSettings(SettingsForm form, BindingResult binding, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/warmup", () -> {
			if (binding.hasFieldErrors("spamThresholdPercent") || form.spamThresholdPercent() == null) {
				// Typed letters or nothing: said, never saved as "kept the old value".
				throw new WarmupSettingInvalid("spamThresholdPercent",
						"The spam threshold is a whole number of percent, from 5 to 80.");
			}
			warmup.updateSettings(tenancy.current(), form.toChanges());
			return FormAction.Done.notice("Pool settings saved.");
		});
	}

	@PostMapping("/warmup/mailboxes/{id}/toggle")
	String toggle(@PathVariable UUID id, @RequestParam boolean enabled,
			@RequestParam(defaultValue = "/warmup") String back, RedirectAttributes redirect) {
		String target = back.equals("mailbox") ? "/warmup/mailboxes/" + id : "/warmup";
		return FormAction.run(redirect, target, () -> {
			MailboxWarmup m = warmup.update(tenancy.current(), id, MailboxWarmupChanges.enabled(enabled),
					clock.instant());
			return FormAction.Done.notice(m.email()
					+ (enabled ? ": warmup on (" + m.stageLabel() + ")." : ": warmup off. Its history is kept."));
		});
	}

	@GetMapping("/warmup/mailboxes/{id}")
	String show(@PathVariable UUID id, Model model) {
		Tenant tenant = tenancy.current();
		MailboxWarmup mailbox = warmup.mailbox(tenant, id, clock.instant());
		model.addAttribute("m", mailbox);
		model.addAttribute("days", days.days(tenant, id, null, null, clock.instant()));
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(mailbox.timeZone()));
		model.addAttribute("today", today);
		model.addAttribute("shortfall", mailbox.enabled() ? pool.unplannedReason(id, today).orElse(null) : null);
		model.addAttribute("next",
				mailbox.enabled()
						? pool.nextDue(id).map(at -> TIME.format(at.atZone(ZoneId.of(mailbox.timeZone())))).orElse(null)
						: null);
		model.addAttribute("dayFormat", DAY);
		model.addAttribute("presets", WarmupSchedule.Preset.values());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", ScheduleForm.of(mailbox));
		}
		return "warmup/show";
	}

	/**
	 * Saves and goes back to the page; on bad input the page shows why with what was
	 * typed still in the form.
	 */
	@PostMapping("/warmup/mailboxes/{id}")
	String save(@PathVariable UUID id, ScheduleForm form, BindingResult binding, Model model,
			RedirectAttributes redirect) {
		if (binding.hasErrors()) {
			model.addAttribute("error", "The numbers of the schedule must be whole numbers.");
			model.addAttribute("form", form);
			return show(id, model);
		}
		boolean saved = FormAction.inPage(model, () -> {
			MailboxWarmup m = warmup.update(tenancy.current(), id, form.toChanges(), clock.instant());
			return FormAction.Done.notice(m.enabled()
					? "Schedule saved. A day's messages are planned as it starts: when today's are, the new numbers apply from tomorrow."
					: "Schedule saved.");
		});
		if (!saved) {
			model.addAttribute("form", form);
			return show(id, model);
		}
		redirect.addFlashAttribute("notice", model.getAttribute("notice"));
		return "redirect:/warmup/mailboxes/" + id;
	}

}
