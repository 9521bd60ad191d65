package com.penguinmails.reputation.internal.dmarc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

import com.penguinmails.domains.Domain;
import com.penguinmails.domains.Domains;
import com.penguinmails.reputation.internal.timeline.DailyFigure;
import com.penguinmails.reputation.internal.timeline.DailySource;
import com.penguinmails.reputation.internal.timeline.Subject;
import com.penguinmails.shared.Tenant;

/**
 * The DMARC figures of the timeline: per UTC day, the messages the aggregate reports
 * counted ({@link DailyFigure#DMARC_MESSAGES}) and the share that passed DMARC
 * ({@link DailyFigure#DMARC_PASS_RATE}), for a policy domain or a source IP. Its
 * subjects: the domains reported on and the {@value #IP_SUBJECTS} busiest source IPs that
 * are ours ({@link OurSources}: our mailboxes' SMTP hosts and the domain's SPF
 * {@code ip4:}/{@code ip6:} terms). Forwarders' and spoofers' addresses are no sending
 * IPs of the workspace: they stay on the per-domain DMARC page.
 */
@Component
class DmarcDailySource implements DailySource {

	static final int IP_SUBJECTS = 20;

	private final DmarcStore store;

	private final OurSources ours;

	private final Domains domains;

	DmarcDailySource(DmarcStore store, OurSources ours, Domains domains) {
		this.store = store;
		this.ours = ours;
		this.domains = domains;
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
		Map<String, String> spf = new HashMap<>();
		for (Domain domain : domains.list(Tenant.system(workspaceId))) {
			spf.put(domain.name().toLowerCase(Locale.ROOT), domain.spfMechanisms());
		}
		Map<String, Predicate<String>> oursFor = new HashMap<>();
		Set<String> ips = new LinkedHashSet<>();
		for (String[] source : store.domainSources(workspaceId)) {
			if (ips.size() >= IP_SUBJECTS) {
				break;
			}
			if (spf.containsKey(source[0])
					&& oursFor.computeIfAbsent(source[0], d -> ours.of(workspaceId, spf.get(d))).test(source[1])) {
				ips.add(source[1]);
			}
		}
		ips.forEach(ip -> subjects.add(Subject.ip(ip)));
		return subjects;
	}

}
