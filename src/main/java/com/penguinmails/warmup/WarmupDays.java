package com.penguinmails.warmup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.warmup.internal.MailboxRow;
import com.penguinmails.warmup.internal.WarmupFigures;
import com.penguinmails.warmup.internal.WarmupFigures.Counts;
import com.penguinmails.warmup.internal.WarmupFigures.RampChange;
import com.penguinmails.warmup.internal.WarmupStore;

/**
 * The days view of a mailbox's warmup: per day, the plan beside what was done, with the
 * closed loop's changes. Read with one grouped query over the range.
 */
@Service
public class WarmupDays {

	/** Days before today shown by default. */
	public static final int PAST_DAYS = 14;

	/** Days after today shown by default. */
	public static final int NEXT_DAYS = 7;

	/** The longest range one request may ask for. */
	public static final int MAX_DAYS = 366;

	private final WarmupStore store;

	private final WarmupFigures figures;

	private final Mailboxes mailboxes;

	WarmupDays(WarmupStore store, WarmupFigures figures, Mailboxes mailboxes) {
		this.store = store;
		this.figures = figures;
		this.mailboxes = mailboxes;
	}

	/**
	 * Days {@code from}..{@code to} (inclusive) of the mailbox's warmup, oldest first; a
	 * null bound defaults to the last {@link #PAST_DAYS} days before today (none before
	 * the ramp started) and the next {@link #NEXT_DAYS} (today in the mailbox's zone at
	 * {@code now}).
	 * @throws NotFoundProblem 404 when it is not a mailbox of the workspace
	 * @throws InvalidInputProblem 400 when {@code to} is before {@code from} or the range
	 * is longer than {@link #MAX_DAYS} days
	 */
	public List<WarmupDay> days(Tenant tenant, UUID mailboxId, LocalDate from, LocalDate to, Instant now) {
		tenant.require(WorkspaceRole.VIEWER, "warmup:read");
		UUID workspaceId = tenant.workspaceId();
		mailboxes.find(workspaceId, mailboxId).orElseThrow(() -> new NotFoundProblem("Mailbox"));
		MailboxRow row = store.find(workspaceId, mailboxId)
			.orElseGet(() -> MailboxRow.initial(workspaceId, mailboxId, store.settings(workspaceId).defaultPreset()));
		LocalDate today = row.today(now);
		// By default nothing before the ramp started: empty days a mailbox never had.
		LocalDate first = from != null ? from
				: row.startedOn() == null ? today : latest(today.minusDays(PAST_DAYS), row.startedOn());
		LocalDate last = to == null ? today.plusDays(NEXT_DAYS) : to;
		if (last.isBefore(first)) {
			throw new InvalidInputProblem("invalid-range", "The range must end on or after the day it starts.");
		}
		if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
			throw new InvalidInputProblem("invalid-range", "Ask for at most " + MAX_DAYS + " days at a time.");
		}
		Map<LocalDate, Counts> counts = figures.days(workspaceId, mailboxId, first, last, row.zone());
		List<RampChange> changes = figures.changes(workspaceId, mailboxId, last);
		List<WarmupDay> days = new ArrayList<>();
		for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
			days.add(day(row, day, today, counts.get(day), changes));
		}
		return days;
	}

	private static LocalDate latest(LocalDate a, LocalDate b) {
		return a.isAfter(b) ? a : b;
	}

	/**
	 * One day: the plan with the ramp as it stood when the day was planned, replayed from
	 * the closed loop's changes (a change decided on a day, from that day's placements,
	 * applies from the next day on); days after today as the ramp stands now.
	 */
	private static WarmupDay day(MailboxRow row, LocalDate day, LocalDate today, Counts counts,
			List<RampChange> changes) {
		int percent = 100;
		LocalDate holding = null;
		List<String> notes = new ArrayList<>();
		for (RampChange change : changes) {
			if (change.day().equals(day)) {
				notes.add(change.reason());
			}
			if (!change.day().isBefore(day)) {
				break;
			}
			boolean stepBack = change.toPercent() < change.fromPercent()
					|| change.toPercent() < 100 && change.toPercent() == change.fromPercent();
			percent = change.toPercent();
			holding = stepBack ? change.day() : change.toPercent() >= 100 ? null : holding;
		}
		if (day.isAfter(today)) {
			percent = row.rampPercent();
			holding = row.holdingSince();
		}
		WarmupPlan plan = new WarmupPlan(row.schedule(), row.startedOn(), percent, holding, row.maintenancePerDay(),
				row.campaignsStartedOn());
		boolean on = row.enabled() || row.disabledOn() != null && day.isBefore(row.disabledOn());
		int planned = on ? plan.plannedOn(day) : 0;
		Counts c = counts == null ? new Counts(day, 0, 0, 0, 0, 0, 0, 0, 0) : counts;
		return new WarmupDay(day, planned, c.sent(), c.repliesSent(), c.received(), c.inbox(), c.spam(), c.other(),
				c.missing(), c.rescued(), percent, notes);
	}

}
