package com.penguinmails.reputation.internal.timeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.penguinmails.mailboxes.MailboxRef;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.reputation.ReputationTimeline;

/**
 * Stores yesterday's (UTC) reputation scores of every workspace with mailboxes, once:
 * every 10 minutes each node claims workspaces not yet scored for that day with
 * {@code SKIP LOCKED} and a lease, so several nodes share the work and a node that dies
 * only delays its workspaces by the lease.
 */
@Component
class DailyScoring {

	private static final Logger log = LoggerFactory.getLogger(DailyScoring.class);

	static final Duration LEASE = Duration.ofMinutes(15);

	static final int BATCH = 20;

	private final ScoreRepository scores;

	private final ReputationTimeline timeline;

	private final Mailboxes mailboxes;

	private final Clock clock;

	DailyScoring(ScoreRepository scores, ReputationTimeline timeline, Mailboxes mailboxes, Clock clock) {
		this.scores = scores;
		this.timeline = timeline;
		this.mailboxes = mailboxes;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "PT2M", fixedDelayString = "PT10M")
	void tick() {
		run(clock.instant());
	}

	/**
	 * Scores the day before {@code now}'s UTC day for every workspace due; returns how
	 * many.
	 */
	int run(Instant now) {
		LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1);
		List<UUID> workspaces = mailboxes.all().stream().map(MailboxRef::workspaceId).distinct().toList();
		int done = 0;
		List<UUID> claimed;
		do {
			claimed = scores.claim(workspaces, day, now, LEASE, BATCH);
			for (UUID workspace : claimed) {
				try {
					timeline.scoreDay(workspace, day, now);
				}
				catch (RuntimeException ex) {
					log.warn("Reputation scores of {} for workspace {} failed: {}", day, workspace, ex.toString());
				}
				scores.done(workspace, day, now);
				done++;
			}
		}
		while (claimed.size() == BATCH);
		return done;
	}

}
