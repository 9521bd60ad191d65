package com.penguinmails.reputation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;

import com.penguinmails.reputation.internal.timeline.DailyFigure;
import com.penguinmails.reputation.internal.timeline.DailySource;
import com.penguinmails.reputation.internal.timeline.Subject;

/**
 * A reputation source that exists only in tests, standing for the sources other parts add
 * (DMARC, Postmaster Tools, SNDS, throttling): it gives the figures a test puts in for
 * its own workspace, and nothing to any other.
 */
@Component
public class TestDailySource implements DailySource {

	private record Entry(Subject subject, DailyFigure figure) {
	}

	private final Map<UUID, List<Entry>> figures = new ConcurrentHashMap<>();

	/** Adds a figure about {@code subject} in the workspace. */
	public void put(UUID workspaceId, Subject subject, LocalDate day, String name, double value, String text) {
		figures.computeIfAbsent(workspaceId, w -> new CopyOnWriteArrayList<>())
			.add(new Entry(subject, new DailyFigure(day, name, value, text)));
	}

	@Override
	public List<DailyFigure> daily(UUID workspaceId, Subject subject, LocalDate from, LocalDate to) {
		return figures.getOrDefault(workspaceId, List.of())
			.stream()
			.filter(e -> e.subject().equals(subject))
			.map(Entry::figure)
			.filter(f -> !f.day().isBefore(from) && !f.day().isAfter(to))
			.toList();
	}

	@Override
	public List<Subject> subjects(UUID workspaceId) {
		return figures.getOrDefault(workspaceId, List.of()).stream().map(Entry::subject).distinct().toList();
	}

}
