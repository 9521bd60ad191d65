package com.penguinmails.reputation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.reputation.internal.timeline.DailyFigure;
import com.penguinmails.reputation.internal.timeline.ScoreRepository;
import com.penguinmails.reputation.internal.timeline.Subject;
import com.penguinmails.reputation.internal.timeline.Subjects;
import com.penguinmails.reputation.internal.timeline.TimelineReader;
import com.penguinmails.reputation.internal.timeline.TimelineReader.Known;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * One picture of reputation: per domain, sending IP and mailbox of a workspace, day by
 * day (UTC), every figure of every reputation source, and a 0–100 score with its
 * breakdown ({@link ReputationScore}). Scores are computed from the figures; the score of
 * each ended day is also stored, and a drop of {@link #DROP_POINTS} or more from the day
 * before (or a fall under {@link #POOR}) is published as {@link ReputationDropped}.
 */
@Service
public class ReputationTimeline {

	/** A fall of this many points from one stored day to the next is a drop. */
	public static final int DROP_POINTS = 15;

	/** Under this score a subject's reputation is poor. */
	public static final int POOR = 50;

	/** The longest timeline, in days. */
	public static final int MAX_DAYS = 366;

	/**
	 * One subject on the overview.
	 *
	 * @param kind {@code domain}, {@code ip} or {@code mailbox}
	 * @param score today's score (the 7 days to today), or null without data
	 * @param trend today's score minus the score 7 days before, both counted over the
	 * parts rated on both days only (a part appearing is not better reputation), or null
	 * when either day has no score or they share no rated part
	 * @param worst the part doing worst today, or null (also when every part earns all
	 * its points)
	 */
	public record Summary(String kind, String key, String label, Integer score, Integer trend,
			ReputationScore.Part worst) {
	}

	/**
	 * One figure of a day.
	 *
	 * @param name the figure's name (see the timeline's names: {@code sent},
	 * {@code bounced:user_unknown}, {@code dmarc_pass_rate}, ...)
	 * @param value the count, rate (0–1) or level
	 * @param text the figure in words, or null
	 */
	public record Figure(String name, double value, String text) {
	}

	/**
	 * One day of a timeline.
	 *
	 * @param figures by name, summed over the sources that gave the same name
	 * @param score the day's score computed now, or null without data
	 * @param stored the score stored when the day ended, or null
	 */
	public record Day(LocalDate day, Map<String, Figure> figures, ReputationScore score, Integer stored) {
	}

	/**
	 * A subject's timeline.
	 *
	 * @param names every figure name present, in a stable order
	 * @param days oldest first, every day of the period
	 * @param current the last day's score, or null
	 */
	public record Timeline(String kind, String key, String label, List<String> names, List<Day> days,
			ReputationScore current) {
	}

	private final TimelineReader reader;

	private final ScoreRepository scores;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	ReputationTimeline(TimelineReader reader, ScoreRepository scores, ApplicationEventPublisher events,
			TransactionTemplate transactions) {
		this.reader = reader;
		this.scores = scores;
		this.events = events;
		this.transactions = transactions;
	}

	/**
	 * Every domain, IP and mailbox of the workspace with today's score, trend and worst
	 * part.
	 */
	public List<Summary> overview(Tenant tenant, LocalDate today) {
		tenant.require(WorkspaceRole.VIEWER, "reputation:read");
		List<Summary> summaries = new ArrayList<>();
		List<Known> subjects = reader.subjects(tenant.workspaceId());
		Map<Subject, List<DailyFigure>> all = reader.figures(tenant.workspaceId(),
				subjects.stream().map(Known::subject).toList(), today.minusDays(7), today);
		for (Known known : subjects) {
			List<DailyFigure> figures = all.get(known.subject());
			Optional<ReputationScore> now = TimelineReader.scoreOn(figures, today);
			Optional<ReputationScore> before = TimelineReader.scoreOn(figures, today.minusDays(7));
			summaries.add(new Summary(known.subject().kind().value(), known.subject().key(), known.label(),
					now.map(ReputationScore::score).orElse(null),
					now.isPresent() && before.isPresent() ? now.get().trendSince(before.get()).orElse(null) : null,
					now.flatMap(ReputationScore::worst).filter(p -> p.ratio() < 1).orElse(null)));
		}
		return summaries;
	}

	/**
	 * The subject's timeline over the {@code days} days ending {@code today}.
	 * @param kind {@code domain}, {@code ip} or {@code mailbox}
	 * @throws InvalidInputProblem (400) for an unknown kind, a malformed key or days out
	 * of 1–366
	 * @throws NotFoundProblem (404) when no source knows the subject in the workspace
	 */
	public Timeline timeline(Tenant tenant, String kind, String key, int days, LocalDate today) {
		tenant.require(WorkspaceRole.VIEWER, "reputation:read");
		if (days < 1 || days > MAX_DAYS) {
			throw new InvalidInputProblem("invalid-days", "days must be between 1 and " + MAX_DAYS + ".");
		}
		Subject subject = Subjects.parse(kind, key);
		Known known = reader.find(tenant.workspaceId(), subject)
			.orElseThrow(() -> new NotFoundProblem("Reputation subject"));
		LocalDate from = today.minusDays(days - 1L);
		List<DailyFigure> figures = reader.figures(tenant.workspaceId(), subject, from, today);
		Map<LocalDate, Integer> stored = scores.stored(tenant.workspaceId(), subject, from, today);
		TreeSet<String> names = new TreeSet<>(Subjects.FIGURE_ORDER);
		List<Day> timeline = new ArrayList<>();
		for (LocalDate day = from; !day.isAfter(today); day = day.plusDays(1)) {
			Map<String, Figure> ofDay = new TreeMap<>(Subjects.FIGURE_ORDER);
			for (DailyFigure f : figures) {
				if (f.day().equals(day)) {
					ofDay.merge(f.name(), new Figure(f.name(), f.value(), f.text()),
							(a, b) -> new Figure(a.name(), a.value() + b.value(), join(a.text(), b.text())));
					names.add(f.name());
				}
			}
			timeline.add(new Day(day, ofDay, TimelineReader.scoreOn(figures, day).orElse(null), stored.get(day)));
		}
		return new Timeline(subject.kind().value(), subject.key(), known.label(), List.copyOf(names), timeline,
				timeline.get(timeline.size() - 1).score());
	}

	/**
	 * Scores every subject of the workspace for {@code day} (an ended UTC day), stores
	 * the scores and publishes {@link ReputationDropped} for each drop from the day
	 * before.
	 * @return how many subjects got a score
	 */
	public int scoreDay(UUID workspaceId, LocalDate day, Instant now) {
		int scored = 0;
		List<Known> subjects = reader.subjects(workspaceId);
		// Sources are read outside a transaction: one that fails is left out, not fatal.
		Map<Subject, List<DailyFigure>> all = reader.figures(workspaceId,
				subjects.stream().map(Known::subject).toList(), day, day);
		for (Known known : subjects) {
			Optional<ReputationScore> score = TimelineReader.scoreOn(all.get(known.subject()), day);
			if (score.isEmpty()) {
				continue;
			}
			scored++;
			transactions.executeWithoutResult(tx -> store(workspaceId, known, day, score.get(), now));
		}
		return scored;
	}

	private void store(UUID workspaceId, Known known, LocalDate day, ReputationScore score, Instant now) {
		Subject subject = known.subject();
		Optional<Integer> before = scores.storedOn(workspaceId, subject, day.minusDays(1));
		scores.save(workspaceId, subject, day, score, now);
		int to = score.score();
		if (before.isPresent() && (before.get() - to >= DROP_POINTS || (before.get() >= POOR && to < POOR))) {
			String worst = score.worst().map(p -> p.label() + ": " + p.figure()).orElse("");
			events.publishEvent(new ReputationDropped(workspaceId, subject.kind().value(), subject.key(), known.label(),
					day, before.get(), to, worst, Subjects.path(subject)));
		}
	}

	private static String join(String a, String b) {
		if (a == null) {
			return b;
		}
		return b == null ? a : a + "; " + b;
	}

}
