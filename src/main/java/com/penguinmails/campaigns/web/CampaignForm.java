package com.penguinmails.campaigns.web;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Stops;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.shared.InvalidInputProblem;

/**
 * The campaign page's form, bound by Spring MVC: the name, the mailbox pool, the
 * schedule, the stop conditions, the tracking choices and the sequence as parallel arrays
 * (one entry per step, in order; variant B's fields may be blank). A checkbox is
 * {@code null} when unticked. Whole numbers ({@code day}, {@code dailyLimit},
 * {@code domainPacePerHour}) that do not parse are binding errors; the rest is checked by
 * {@link #toDraft()}.
 */
record CampaignForm(String name, List<UUID> mailboxId, List<Integer> day, String timeZone, Boolean contactTimeZone,
		String windowStart, String windowEnd, Integer dailyLimit, Integer domainPacePerHour, Boolean stopOnReply,
		Boolean stopOnClick, Boolean stopOnBounce, Boolean stopOnUnsubscribe, Boolean stopOnComplaint,
		Boolean stopCompanyOnReply, Boolean stopOnAutoReply, String[] delayDays, String[] newThread, String[] subjectA,
		String[] bodyA, String[] subjectB, String[] bodyB, String[] winnerMetric, String[] minSample,
		Boolean trackOpens, Boolean trackClicks, Boolean plainText) {

	/**
	 * The form as a change of the whole campaign; a step with an empty body is left out.
	 * @throws InvalidInputProblem for a time that is not HH:MM, a delay that is not a
	 * number of days, a minimum sample that is not a whole number
	 */
	Draft toDraft() {
		Schedule schedule;
		try {
			schedule = new Schedule(timeZone, on(contactTimeZone), day == null ? List.of() : day,
					LocalTime.parse(windowStart), LocalTime.parse(windowEnd), null, dailyLimit,
					domainPacePerHour == null ? 20 : domainPacePerHour);
		}
		catch (DateTimeParseException | NullPointerException ex) {
			throw new InvalidInputProblem("invalid-schedule",
					"Check the schedule: times as HH:MM, limits as whole numbers.");
		}
		Stops stops = new Stops(on(stopOnReply), on(stopOnClick), on(stopOnBounce), on(stopOnUnsubscribe),
				on(stopOnComplaint), on(stopCompanyOnReply), on(stopOnAutoReply));
		return new Draft(name, schedule, stops, mailboxId == null ? List.of() : mailboxId, steps(),
				new Campaign.Tracking(on(trackOpens), on(trackClicks), on(plainText)));
	}

	private List<Step> steps() {
		List<Step> steps = new ArrayList<>();
		String[] bodies = orEmpty(bodyA);
		for (int i = 0; i < bodies.length; i++) {
			if (bodies[i].isBlank()) {
				continue;
			}
			List<Variant> variants = new ArrayList<>();
			variants.add(new Variant(at(subjectA, i), bodies[i], null));
			if (!at(bodyB, i).isBlank()) {
				variants.add(new Variant(at(subjectB, i), at(bodyB, i), null));
			}
			String metric = at(winnerMetric, i).isBlank() ? null : at(winnerMetric, i);
			steps.add(new Step(delayMinutes(i), "true".equals(at(newThread, i)), variants, metric, minSample(i), null));
		}
		return steps;
	}

	private int delayMinutes(int i) {
		try {
			String days = at(delayDays, i).isBlank() ? "0" : at(delayDays, i);
			return (int) Math.round(Double.parseDouble(days) * 24 * 60);
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputProblem("invalid-step", "Step " + (i + 1) + ": the delay is a number of days.");
		}
	}

	private Integer minSample(int i) {
		try {
			return at(minSample, i).isBlank() ? null : Integer.valueOf(at(minSample, i).strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputProblem("invalid-step",
					"Step " + (i + 1) + ": the minimum sample is a whole number.");
		}
	}

	private static boolean on(Boolean checkbox) {
		return Boolean.TRUE.equals(checkbox);
	}

	private static String at(String[] values, int i) {
		return values != null && i < values.length && values[i] != null ? values[i] : "";
	}

	private static String[] orEmpty(String[] values) {
		return values == null ? new String[0] : values;
	}

}
