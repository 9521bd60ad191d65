package com.penguinmails.reputation.internal.postmaster;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.reputation.internal.timeline.DailyFigure;
import com.penguinmails.reputation.internal.timeline.DailySource;
import com.penguinmails.reputation.internal.timeline.Subject;

/**
 * The Postmaster Tools and SNDS figures on the reputation timeline. Domain:
 * {@link DailyFigure#POSTMASTER_DOMAIN_REPUTATION} (4 HIGH … 1 BAD) and
 * {@link DailyFigure#POSTMASTER_SPAM_RATE}. IP:
 * {@link DailyFigure#POSTMASTER_IP_REPUTATION} (the category whose sample IPs include it,
 * the worst when several), {@link DailyFigure#SNDS_COLOUR} (3 GREEN, 2 YELLOW, 1 RED),
 * {@link DailyFigure#SNDS_COMPLAINT_RATE} and {@link DailyFigure#SNDS_TRAP_HITS}.
 * Subjects: the domains Postmaster Tools reported on and the IPs SNDS reported on.
 */
@Component
class PostmasterFigures implements DailySource {

	private final StatsStore stats;

	PostmasterFigures(StatsStore stats) {
		this.stats = stats;
	}

	@Override
	public List<DailyFigure> daily(UUID workspaceId, Subject subject, LocalDate from, LocalDate to) {
		return switch (subject.kind()) {
			case DOMAIN -> domain(workspaceId, subject.key(), from, to);
			case IP -> ip(workspaceId, subject.key(), from, to);
			case MAILBOX -> List.of();
		};
	}

	@Override
	public List<Subject> subjects(UUID workspaceId) {
		List<Subject> subjects = new ArrayList<>();
		stats.domains(workspaceId).forEach(domain -> subjects.add(Subject.domain(domain)));
		stats.ips(workspaceId).forEach(ip -> subjects.add(Subject.ip(ip)));
		return subjects;
	}

	private List<DailyFigure> domain(UUID workspaceId, String domain, LocalDate from, LocalDate to) {
		List<DailyFigure> figures = new ArrayList<>();
		for (TrafficStat stat : stats.traffic(workspaceId, domain, from, to)) {
			int level = TrafficStat.level(stat.domainReputation());
			if (level > 0) {
				figures.add(new DailyFigure(stat.day(), DailyFigure.POSTMASTER_DOMAIN_REPUTATION, level,
						stat.domainReputation()));
			}
			if (stat.userReportedSpamRatio() != null) {
				figures.add(new DailyFigure(stat.day(), DailyFigure.POSTMASTER_SPAM_RATE, stat.userReportedSpamRatio(),
						null));
			}
		}
		return figures;
	}

	private List<DailyFigure> ip(UUID workspaceId, String ip, LocalDate from, LocalDate to) {
		List<DailyFigure> figures = new ArrayList<>();
		java.util.Map<LocalDate, String> worst = new java.util.TreeMap<>();
		for (TrafficStat stat : stats.traffic(workspaceId, null, from, to)) {
			for (TrafficStat.IpReputation category : stat.ipReputations()) {
				int level = TrafficStat.level(category.reputation());
				if (level > 0 && category.sampleIps().contains(ip)) {
					worst.merge(stat.day(), category.reputation(),
							(a, b) -> TrafficStat.level(a) <= TrafficStat.level(b) ? a : b);
				}
			}
		}
		worst.forEach((day, reputation) -> figures.add(
				new DailyFigure(day, DailyFigure.POSTMASTER_IP_REPUTATION, TrafficStat.level(reputation), reputation)));
		for (SndsDay day : stats.snds(workspaceId, ip, from, to)) {
			if (day.colourLevel() > 0) {
				figures.add(new DailyFigure(day.day(), DailyFigure.SNDS_COLOUR, day.colourLevel(), day.filterResult()));
			}
			if (day.complaintRate() != null) {
				figures.add(new DailyFigure(day.day(), DailyFigure.SNDS_COMPLAINT_RATE, day.complaintRate(),
						day.complaintText()));
			}
			if (day.trapHits() != null) {
				figures.add(new DailyFigure(day.day(), DailyFigure.SNDS_TRAP_HITS, day.trapHits(), null));
			}
		}
		return figures;
	}

}
