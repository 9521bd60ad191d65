package com.penguinmails.campaigns.internal;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;

import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.DelayUnit;
import com.penguinmails.shared.InvalidInputProblem;

/**
 * What a campaign's name, schedule and sequence must be; each rule broken is an
 * {@link InvalidInputProblem} (400) saying what to change.
 */
public final class CampaignRules {

	/** The most steps a sequence has. */
	public static final int MAX_STEPS = 20;

	private static final int MAX_VARIANTS = 5;

	private CampaignRules() {
	}

	/** The name without surrounding spaces: 1 to 200 characters. */
	public static String name(String name) {
		String trimmed = name == null ? "" : name.strip();
		if (trimmed.isEmpty() || trimmed.length() > 200) {
			throw new InvalidInputProblem("invalid-name", "Give the campaign a name of 1 to 200 characters.");
		}
		return trimmed;
	}

	/**
	 * The schedule checked, with its defaults filled in: window 09:00–17:00, pace 20 an
	 * hour, days without repeats.
	 */
	public static Schedule schedule(Schedule schedule) {
		try {
			ZoneId.of(schedule.timeZone() == null ? "" : schedule.timeZone());
		}
		catch (DateTimeException ex) {
			throw new InvalidInputProblem("invalid-time-zone",
					"Unknown time zone: " + schedule.timeZone() + " (use an IANA name such as Europe/Paris).");
		}
		List<Integer> days = schedule.days() == null ? List.of() : schedule.days();
		if (days.isEmpty() || days.stream().anyMatch(d -> d == null || d < 1 || d > 7)) {
			throw new InvalidInputProblem("invalid-days",
					"Sending days are 1 (Monday) to 7 (Sunday), at least one of them.");
		}
		LocalTime start = schedule.windowStart() == null ? LocalTime.of(9, 0) : schedule.windowStart();
		LocalTime end = schedule.windowEnd() == null ? LocalTime.of(17, 0) : schedule.windowEnd();
		if (!start.isBefore(end)) {
			throw new InvalidInputProblem("invalid-window", "The sending window must start before it ends.");
		}
		if (schedule.dailyLimit() != null && schedule.dailyLimit() < 1) {
			throw new InvalidInputProblem("invalid-daily-limit", "The daily limit is at least 1 (or none).");
		}
		int pace = schedule.domainPacePerHour() <= 0 ? 20 : schedule.domainPacePerHour();
		return new Schedule(schedule.timeZone(), schedule.contactTimeZone(), List.copyOf(new LinkedHashSet<>(days)),
				start, end, schedule.startAt(), schedule.dailyLimit(), pace);
	}

	/**
	 * Checks a sequence and returns it normalized: at most {@link #MAX_STEPS} steps of 1
	 * to 5 variants, delays of 0 minutes to a year as a whole number of their unit (the
	 * unit and amount filled in), a format (text when none), a one-line subject on every
	 * variant that starts a thread and a body on every variant (unless
	 * {@code allowEmpty}: a draft campaign's steps may be unwritten, its launch check
	 * names them), a winner metric of opens, clicks or replies, a minimum sample of 10 to
	 * 100,000.
	 * @throws InvalidInputProblem 400 naming the step
	 */
	public static List<Step> steps(List<Step> steps, boolean allowEmpty) {
		if (steps.size() > MAX_STEPS) {
			throw new InvalidInputProblem("invalid-steps", "A sequence has at most " + MAX_STEPS + " steps.");
		}
		List<Step> checked = new java.util.ArrayList<>();
		for (int i = 0; i < steps.size(); i++) {
			checked.add(step(i, steps.get(i), allowEmpty));
		}
		return checked;
	}

	/** Checks one step at {@code index} (0-based) and returns it normalized. */
	public static Step step(int index, Step step, boolean allowEmpty) {
		String where = "Step " + (index + 1) + ": ";
		if (step == null || step.variants() == null || step.variants().isEmpty()
				|| step.variants().size() > MAX_VARIANTS) {
			throw invalid(where + "give 1 to 5 variants.");
		}
		int minutes = delayMinutes(where, step);
		DelayUnit unit = step.delayUnit() == null ? DelayUnit.fitting(minutes) : step.delayUnit();
		boolean followUp = index > 0 && !step.newThread();
		for (Variant variant : step.variants()) {
			variant(where, variant, followUp, allowEmpty);
		}
		if (step.winnerMetric() != null && !List.of("opens", "clicks", "replies").contains(step.winnerMetric())) {
			throw invalid(where + "the winner is chosen by opens, clicks or replies.");
		}
		if (step.minSample() != null && (step.minSample() < 10 || step.minSample() > 100_000)) {
			throw invalid(where + "the minimum sample is 10 to 100,000 per variant.");
		}
		return new Step(minutes, unit, minutes / unit.minutes(), index == 0 || step.newThread(), step.formatOrDefault(),
				List.copyOf(step.variants()), step.winnerMetric(), step.minSample(), step.winner(), step.draft());
	}

	/**
	 * {@code delay} × its unit when given, else {@code delayMinutes} (a whole number of
	 * its unit).
	 */
	private static int delayMinutes(String where, Step step) {
		long minutes;
		if (step.delay() != null) {
			DelayUnit unit = step.delayUnit() == null ? DelayUnit.DAYS : step.delayUnit();
			if (step.delay() < 0) {
				throw invalid(where + "the delay is a whole number of " + unit + ", 0 or more.");
			}
			minutes = (long) step.delay() * unit.minutes();
		}
		else {
			minutes = step.delayMinutes();
			if (step.delayUnit() != null && minutes % step.delayUnit().minutes() != 0) {
				throw invalid(where + minutes + " minutes is not a whole number of " + step.delayUnit() + ".");
			}
		}
		if (minutes < 0 || minutes > 365 * 24 * 60) {
			throw invalid(where + "the delay is 0 minutes to a year.");
		}
		return (int) minutes;
	}

	private static void variant(String where, Variant variant, boolean followUp, boolean allowEmpty) {
		if (variant == null) {
			throw invalid(where + "a variant is null.");
		}
		if (variant.templateLinked() && variant.templateId() == null) {
			throw invalid(where + "a variant linked to a template names the template (templateId).");
		}
		if (variant.subject() != null && variant.subject().chars().anyMatch(c -> c == '\r' || c == '\n')) {
			throw invalid(where + "a subject is one line.");
		}
		if (allowEmpty || variant.templateLinked()) {
			return;
		}
		if (!followUp && (variant.subject() == null || variant.subject().isBlank())) {
			throw invalid(where + "every variant needs a subject.");
		}
		if (variant.empty()) {
			throw invalid(where + "every variant needs a body.");
		}
	}

	private static InvalidInputProblem invalid(String message) {
		return new InvalidInputProblem("invalid-step", message);
	}

}
