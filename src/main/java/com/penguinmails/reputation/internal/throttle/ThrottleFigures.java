package com.penguinmails.reputation.internal.throttle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.reputation.internal.timeline.DailyFigure;
import com.penguinmails.reputation.internal.timeline.DailySource;
import com.penguinmails.reputation.internal.timeline.Subject;

/**
 * Throttling decisions per UTC day on the timeline
 * ({@link DailyFigure#THROTTLE_DECISIONS}): for a mailbox, its paths' decisions; for a
 * domain, those of its mailboxes. The text lists the actions in order ("slow, suspend").
 */
@Component
class ThrottleFigures implements DailySource {

	private final DecisionRepository decisions;

	ThrottleFigures(DecisionRepository decisions) {
		this.decisions = decisions;
	}

	@Override
	public List<DailyFigure> daily(UUID workspaceId, Subject subject, LocalDate from, LocalDate to) {
		UUID mailbox = null;
		String domain = null;
		switch (subject.kind()) {
			case MAILBOX -> {
				try {
					mailbox = UUID.fromString(subject.key());
				}
				catch (IllegalArgumentException ex) {
					return List.of();
				}
			}
			case DOMAIN -> domain = subject.key();
			default -> {
				return List.of();
			}
		}
		List<DailyFigure> figures = new ArrayList<>();
		for (DecisionRepository.Day day : decisions.perDay(workspaceId, mailbox, domain, from, to)) {
			figures.add(new DailyFigure(day.day(), DailyFigure.THROTTLE_DECISIONS, day.count(),
					day.count() + " decision(s): " + day.actions().replace("_", " ").replace(",", ", ")));
		}
		return figures;
	}

	@Override
	public List<Subject> subjects(UUID workspaceId) {
		Set<Subject> subjects = new LinkedHashSet<>();
		for (String[] row : decisions.subjects(workspaceId)) {
			subjects.add(Subject.mailbox(UUID.fromString(row[0])));
			subjects.add(Subject.domain(row[1]));
		}
		return List.copyOf(subjects);
	}

}
