package com.penguinmails.reputation.internal.timeline;

import java.time.LocalDate;
import java.util.List;
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
	 * The subjects this source knows about in the workspace (e.g. the IPs SNDS reports
	 * on, the source IPs of our mailboxes in DMARC reports), so the timeline lists them;
	 * empty by default.
	 */
	default List<Subject> subjects(UUID workspaceId) {
		return List.of();
	}

}
