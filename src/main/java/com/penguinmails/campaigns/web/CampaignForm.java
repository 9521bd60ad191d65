package com.penguinmails.campaigns.web;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Schedule;
import com.penguinmails.campaigns.Campaign.Stops;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.shared.InvalidInputProblem;

/**
 * The campaign page's settings form, bound by Spring MVC: the name, the mailbox pool, the
 * schedule, the stop conditions and the tracking choices (the sequence has its own forms,
 * one per step: {@link StepForm}). A checkbox is {@code null} when unticked. Whole
 * numbers ({@code day}, {@code dailyLimit}, {@code domainPacePerHour}) that do not parse
 * are binding errors; the rest is checked by {@link #toDraft()}.
 */
record CampaignForm(String name, List<UUID> mailboxId, List<Integer> day, String timeZone, Boolean contactTimeZone,
		String windowStart, String windowEnd, Integer dailyLimit, Integer domainPacePerHour, Boolean stopOnReply,
		Boolean stopOnClick, Boolean stopOnBounce, Boolean stopOnUnsubscribe, Boolean stopOnComplaint,
		Boolean stopCompanyOnReply, Boolean stopOnAutoReply, Boolean trackOpens, Boolean trackClicks) {

	/**
	 * The form as a change of the campaign's settings (its steps stay).
	 * @throws InvalidInputProblem for a time that is not HH:MM
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
		return new Draft(name, schedule, stops, mailboxId == null ? List.of() : mailboxId, null,
				new Campaign.Tracking(on(trackOpens), on(trackClicks)));
	}

	private static boolean on(Boolean checkbox) {
		return Boolean.TRUE.equals(checkbox);
	}

}
