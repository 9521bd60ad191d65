package com.penguinmails.reputation.internal.timeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.warmup.HealthScore;
import com.penguinmails.warmup.WarmupHealth;

/**
 * A mailbox's warmup health (0–100) and inbox rate per day, from warmup's daily measure
 * ({@link WarmupHealth}): the inbox rate is the share of its warmup mail whose placement
 * is known found in the inbox over the 7 days the measure counts.
 */
@Component
class WarmupSource implements DailySource {

	private final WarmupHealth health;

	WarmupSource(WarmupHealth health) {
		this.health = health;
	}

	@Override
	public List<DailyFigure> daily(UUID workspaceId, Subject subject, LocalDate from, LocalDate to) {
		if (subject.kind() != Subject.Kind.MAILBOX) {
			return List.of();
		}
		UUID mailboxId;
		try {
			mailboxId = UUID.fromString(subject.key());
		}
		catch (IllegalArgumentException ex) {
			return List.of();
		}
		List<DailyFigure> figures = new ArrayList<>();
		for (WarmupHealth.Measure measure : health.days(workspaceId, mailboxId, from, to)) {
			figures.add(new DailyFigure(measure.day(), DailyFigure.WARMUP_HEALTH, measure.score(), null));
			HealthScore parts = measure.parts();
			if (parts.known() > 0) {
				figures.add(new DailyFigure(measure.day(), DailyFigure.WARMUP_INBOX_RATE,
						(double) parts.inbox() / parts.known(), parts.inbox() + " of " + parts.known()));
			}
		}
		return figures;
	}

}
