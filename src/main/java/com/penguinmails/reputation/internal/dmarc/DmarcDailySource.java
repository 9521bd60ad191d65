package com.penguinmails.reputation.internal.dmarc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.reputation.internal.timeline.DailyFigure;
import com.penguinmails.reputation.internal.timeline.DailySource;
import com.penguinmails.reputation.internal.timeline.Subject;

/**
 * The DMARC figures of the timeline: per UTC day, the messages the aggregate reports
 * counted ({@link DailyFigure#DMARC_MESSAGES}) and the share that passed DMARC
 * ({@link DailyFigure#DMARC_PASS_RATE}), for a policy domain or a source IP. Its
 * subjects: the domains reported on and the {@value #IP_SUBJECTS} busiest source IPs.
 */
@Component
class DmarcDailySource implements DailySource {

	static final int IP_SUBJECTS = 20;

	private final DmarcStore store;

	DmarcDailySource(DmarcStore store) {
		this.store = store;
	}

	@Override
	public List<DailyFigure> daily(UUID workspaceId, Subject subject, LocalDate from, LocalDate to) {
		if (subject.kind() == Subject.Kind.MAILBOX) {
			return List.of();
		}
		List<DailyFigure> figures = new ArrayList<>();
		for (long[] day : store.daily(workspaceId, subject.kind() == Subject.Kind.IP, subject.key(), from, to)) {
			LocalDate date = LocalDate.ofEpochDay(day[0]);
			figures.add(new DailyFigure(date, DailyFigure.DMARC_MESSAGES, day[1], null));
			if (day[1] > 0) {
				figures.add(new DailyFigure(date, DailyFigure.DMARC_PASS_RATE, (double) day[2] / day[1],
						day[2] + " of " + day[1] + " passed"));
			}
		}
		return figures;
	}

	@Override
	public List<Subject> subjects(UUID workspaceId) {
		List<Subject> subjects = new ArrayList<>();
		store.policyDomains(workspaceId).forEach(d -> subjects.add(Subject.domain(d)));
		store.sourceIps(workspaceId, IP_SUBJECTS).forEach(ip -> subjects.add(Subject.ip(ip)));
		return subjects;
	}

}
