package com.penguinmails.reputation.internal.timeline;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A source of reputation figures (sending, bounces, warmup, DMARC reports, Postmaster
 * Tools, SNDS, throttling, blocklists): each is a Spring bean, and the timeline reads
 * them all. Every read is scoped to one workspace.
 */
public interface DailySource {

	/**
	 * The source's figures about {@code subject}, per UTC day from {@code from} to
	 * {@code to} (both included); days without data have no figure. Never null.
	 */
	List<DailyFigure> daily(UUID workspaceId, Subject subject, LocalDate from, LocalDate to);

	/**
	 * The figures of several subjects at once (the overview and the daily scoring read
	 * every subject of a workspace), by subject, each as {@link #daily} gives it. By
	 * default one {@link #daily} per subject; a source whose reads are workspace-wide
	 * answers them all from one read.
	 */
	default Map<Subject, List<DailyFigure>> daily(UUID workspaceId, Collection<Subject> subjects, LocalDate from,
			LocalDate to) {
		Map<Subject, List<DailyFigure>> all = new LinkedHashMap<>();
		for (Subject subject : subjects) {
			all.put(subject, daily(workspaceId, subject, from, to));
		}
		return all;
	}

	/**
	 * The subjects this source knows about in the workspace (e.g. the IPs SNDS reports
	 * on, the source IPs of our mailboxes in DMARC reports), so the timeline lists them;
	 * empty by default.
	 */
	default List<Subject> subjects(UUID workspaceId) {
		return List.of();
	}

}
