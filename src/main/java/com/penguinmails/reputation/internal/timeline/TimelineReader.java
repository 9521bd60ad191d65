package com.penguinmails.reputation.internal.timeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.penguinmails.reputation.ReputationScore;

/**
 * Reads every {@link DailySource} bean: the subjects they know of a workspace, and a
 * subject's figures per day with the score of each day. A source that fails is left out
 * of that read (logged), never failing the page.
 */
@Component
public class TimelineReader {

	private static final Logger log = LoggerFactory.getLogger(TimelineReader.class);

	/** A subject with its name for people (a mailbox's address). */
	public record Known(Subject subject, String label) {
	}

	private final List<DailySource> sources;

	private final MailboxSubjects mailboxes;

	TimelineReader(List<DailySource> sources, MailboxSubjects mailboxes) {
		this.sources = sources;
		this.mailboxes = mailboxes;
	}

	/**
	 * Every subject any source knows in the workspace: domains, then IPs, then mailboxes.
	 */
	public List<Known> subjects(UUID workspaceId) {
		Map<String, String> emails = new LinkedHashMap<>();
		mailboxes.senders(workspaceId).forEach(s -> emails.put(s.mailboxId().toString(), s.email()));
		Map<Subject, Known> all = new LinkedHashMap<>();
		for (DailySource source : sources) {
			for (Subject subject : safely(source, () -> source.subjects(workspaceId))) {
				if (subject.kind() == Subject.Kind.MAILBOX && !emails.containsKey(subject.key())) {
					continue;
				}
				all.putIfAbsent(subject, new Known(subject,
						subject.kind() == Subject.Kind.MAILBOX ? emails.get(subject.key()) : subject.key()));
			}
		}
		return all.values()
			.stream()
			.sorted(Comparator.comparing((Known k) -> k.subject().kind()).thenComparing(Known::label))
			.toList();
	}

	/** The subject if a source knows it in the workspace. */
	public Optional<Known> find(UUID workspaceId, Subject subject) {
		return subjects(workspaceId).stream().filter(k -> k.subject().equals(subject)).findFirst();
	}

	/**
	 * Every source's figures about the subject from {@code from} to {@code to}, with the
	 * {@link ScoreRules#WINDOW} days before {@code from} that the first days' scores
	 * count.
	 */
	public List<DailyFigure> figures(UUID workspaceId, Subject subject, LocalDate from, LocalDate to) {
		List<DailyFigure> figures = new ArrayList<>();
		LocalDate start = from.minusDays(ScoreRules.WINDOW - 1L);
		for (DailySource source : sources) {
			figures.addAll(safely(source, () -> source.daily(workspaceId, subject, start, to)));
		}
		return figures;
	}

	/**
	 * {@link #figures} of several subjects, each source read once for them all
	 * ({@link DailySource#daily(UUID, java.util.Collection, LocalDate, LocalDate)}).
	 */
	public Map<Subject, List<DailyFigure>> figures(UUID workspaceId, List<Subject> subjects, LocalDate from,
			LocalDate to) {
		Map<Subject, List<DailyFigure>> all = new LinkedHashMap<>();
		subjects.forEach(s -> all.put(s, new ArrayList<>()));
		LocalDate start = from.minusDays(ScoreRules.WINDOW - 1L);
		for (DailySource source : sources) {
			Map<Subject, List<DailyFigure>> read = safelyAll(source,
					() -> source.daily(workspaceId, subjects, start, to));
			read.forEach((subject, figures) -> {
				List<DailyFigure> into = all.get(subject);
				if (into != null && figures != null) {
					into.addAll(figures);
				}
			});
		}
		return all;
	}

	/** The score of {@code day} from figures read with {@link #figures}. */
	public static Optional<ReputationScore> scoreOn(List<DailyFigure> figures, LocalDate day) {
		LocalDate first = day.minusDays(ScoreRules.WINDOW - 1L);
		return ScoreRules
			.score(figures.stream().filter(f -> !f.day().isBefore(first) && !f.day().isAfter(day)).toList());
	}

	private static Map<Subject, List<DailyFigure>> safelyAll(DailySource source,
			java.util.function.Supplier<Map<Subject, List<DailyFigure>>> read) {
		try {
			Map<Subject, List<DailyFigure>> result = read.get();
			return result == null ? Map.of() : result;
		}
		catch (RuntimeException ex) {
			log.warn("Reputation source {} failed: {}", source.getClass().getSimpleName(), ex.toString());
			return Map.of();
		}
	}

	private static <T> List<T> safely(DailySource source, java.util.function.Supplier<List<T>> read) {
		try {
			List<T> result = read.get();
			return result == null ? List.of() : result;
		}
		catch (RuntimeException ex) {
			log.warn("Reputation source {} failed: {}", source.getClass().getSimpleName(), ex.toString());
			return List.of();
		}
	}

}
