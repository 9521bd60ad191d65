package com.penguinmails.reputation.internal.timeline;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.penguinmails.domains.Domains;
import com.penguinmails.shared.Tenant;

import com.penguinmails.reputation.BlocklistListing;

/**
 * Blocklist listings per day from the history this module keeps
 * ({@link ListingRepository}): from the first check of the subject on, each day counts
 * the lists that listed it at some time that day (text: their names). A domain's own
 * listings count for the domain, an IP's for the IP, both for each mailbox on them.
 */
@Component
class BlocklistSource implements DailySource {

	private final ListingRepository listings;

	private final MailboxSubjects mailboxes;

	private final Domains domains;

	private final Clock clock;

	BlocklistSource(ListingRepository listings, MailboxSubjects mailboxes, Domains domains, Clock clock) {
		this.listings = listings;
		this.mailboxes = mailboxes;
		this.domains = domains;
		this.clock = clock;
	}

	@Override
	public List<DailyFigure> daily(UUID workspaceId, Subject subject, LocalDate from, LocalDate to) {
		return daily(workspaceId, targets(mailboxes.senders(workspaceId), subject), from, to);
	}

	/**
	 * Each subject's listings, with the workspace's mailboxes listed once for them all.
	 */
	@Override
	public Map<Subject, List<DailyFigure>> daily(UUID workspaceId, Collection<Subject> subjects, LocalDate from,
			LocalDate to) {
		List<MailboxSubjects.Sender> senders = mailboxes.senders(workspaceId);
		Map<Subject, List<DailyFigure>> all = new LinkedHashMap<>();
		for (Subject subject : subjects) {
			all.put(subject, daily(workspaceId, targets(senders, subject), from, to));
		}
		return all;
	}

	private List<DailyFigure> daily(UUID workspaceId, Set<String> targets, LocalDate from, LocalDate to) {
		if (targets.isEmpty()) {
			return List.of();
		}
		Instant first = listings.firstCheck(workspaceId, targets).orElse(null);
		if (first == null) {
			return List.of();
		}
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		LocalDate start = later(from, LocalDate.ofInstant(first, ZoneOffset.UTC));
		LocalDate end = to.isAfter(today) ? today : to;
		List<BlocklistListing> overlapping = listings.overlapping(workspaceId, targets, start, end);
		List<DailyFigure> figures = new ArrayList<>();
		for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
			Instant dayStart = day.atStartOfDay().toInstant(ZoneOffset.UTC);
			Instant dayEnd = dayStart.plusSeconds(86_400);
			List<String> names = overlapping.stream()
				.filter(l -> l.listedAt().isBefore(dayEnd)
						&& (l.clearedAt() == null || !l.clearedAt().isBefore(dayStart)))
				.map(l -> l.name() + (targets.size() > 1 ? " (" + l.target() + ")" : ""))
				.distinct()
				.toList();
			figures.add(new DailyFigure(day, DailyFigure.BLOCKLIST_LISTINGS, names.size(),
					names.isEmpty() ? null : String.join(", ", names)));
		}
		return figures;
	}

	/**
	 * Every sending domain of the workspace (checked on the domains' schedule, so a new
	 * domain's page can link to its timeline before anything is sent), and every target a
	 * check recorded: the domains' sending IPs too.
	 */
	@Override
	public List<Subject> subjects(UUID workspaceId) {
		List<Subject> all = new ArrayList<>();
		domains.list(Tenant.system(workspaceId)).forEach(d -> all.add(Subject.domain(d.name())));
		listings.targets(workspaceId)
			.stream()
			.map(t -> t.matches("[0-9.]+|.*:.*") ? Subject.ip(t) : Subject.domain(t))
			.forEach(all::add);
		return all;
	}

	private static Set<String> targets(List<MailboxSubjects.Sender> senders, Subject subject) {
		if (subject.kind() != Subject.Kind.MAILBOX) {
			return Set.of(subject.key());
		}
		return senders.stream()
			.filter(s -> s.under(subject))
			.flatMap(s -> java.util.stream.Stream.of(s.domain(), s.ip()))
			.filter(java.util.Objects::nonNull)
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	private static LocalDate later(LocalDate a, LocalDate b) {
		return a.isAfter(b) ? a : b;
	}

}
