package com.penguinmails.campaigns.internal;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;

import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
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
	 * Checks a sequence: at most {@link #MAX_STEPS} steps of 1 to 5 variants, delays of 0
	 * minutes to a year, a one-line subject on every variant that starts a thread, a body
	 * on every variant, a winner metric of opens, clicks or replies, a minimum sample of
	 * 10 to 100,000.
	 */
	public static void steps(List<Step> steps) {
		if (steps.size() > MAX_STEPS) {
			throw new InvalidInputProblem("invalid-steps", "A sequence has at most " + MAX_STEPS + " steps.");
		}
		for (int i = 0; i < steps.size(); i++) {
			step(i, steps.get(i));
		}
	}

	private static void step(int i, Step step) {
		String where = "Step " + (i + 1) + ": ";
		if (step == null || step.variants() == null || step.variants().isEmpty()
				|| step.variants().size() > MAX_VARIANTS) {
			throw invalid(where + "give 1 to 5 variants.");
		}
		if (step.delayMinutes() < 0 || step.delayMinutes() > 365 * 24 * 60) {
			throw invalid(where + "the delay is 0 minutes to a year.");
		}
		boolean followUp = i > 0 && !step.newThread();
		for (Variant variant : step.variants()) {
			variant(where, variant, followUp);
		}
		if (step.winnerMetric() != null && !List.of("opens", "clicks", "replies").contains(step.winnerMetric())) {
			throw invalid(where + "the winner is chosen by opens, clicks or replies.");
		}
		if (step.minSample() != null && (step.minSample() < 10 || step.minSample() > 100_000)) {
			throw invalid(where + "the minimum sample is 10 to 100,000 per variant.");
		}
	}

	private static void variant(String where, Variant variant, boolean followUp) {
		if (variant == null) {
			throw invalid(where + "a variant is null.");
		}
		if (!followUp && (variant.subject() == null || variant.subject().isBlank())) {
			throw invalid(where + "every variant needs a subject.");
		}
		if (variant.html() == null || variant.html().isBlank()) {
			throw invalid(where + "every variant needs a body.");
		}
		if (variant.subject() != null && variant.subject().chars().anyMatch(c -> c == '\r' || c == '\n')) {
			throw invalid(where + "a subject is one line.");
		}
	}

	private static InvalidInputProblem invalid(String message) {
		return new InvalidInputProblem("invalid-step", message);
	}

}
