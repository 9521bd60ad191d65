package com.penguinmails.crm;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.penguinmails.crm.internal.CrmRepository;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;

/**
 * The run and lease shapes every CRM's import shares, by CRM name: claiming a connection
 * for one import ({@link HubSpotSync#LEASE}, so two nodes never import one workspace from
 * one CRM at once), recording the run as started, releasing the lease with the next
 * scheduled time, and the runs as {@link HubSpotSync.Run}.
 */
@Component
class ImportRuns {

	private final CrmRepository repository;

	private final Clock clock;

	ImportRuns(CrmRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	/**
	 * Takes the lease and records the run as started; empty when another import holds it.
	 * @param source what is imported, in words (at most 60 characters kept)
	 */
	Optional<UUID> claim(UUID workspace, String crm, String source) {
		Instant now = clock.instant();
		if (!repository.claim(workspace, crm, now, now.plus(HubSpotSync.LEASE))) {
			return Optional.empty();
		}
		UUID runId = UUID.randomUUID();
		repository.startRun(workspace, runId, crm, source.length() > 60 ? source.substring(0, 59) + "…" : source, now);
		return Optional.of(runId);
	}

	/** Ends the lease; a scheduled import is next due one period after now. */
	void release(UUID workspace, String crm, String importEvery) {
		ImportSchedule schedule = ImportSchedule.of(importEvery);
		Instant finished = clock.instant();
		repository.release(workspace, crm, finished, schedule.every() == null ? null : finished.plus(schedule.every()));
	}

	/** Ends a run that could not start. */
	void abandon(UUID workspace, UUID runId, String message) {
		repository.finishRun(workspace, runId, "failed", message, clock.instant());
	}

	HubSpotSync.Run run(UUID workspace, UUID runId) {
		return repository.run(workspace, runId).map(ImportRuns::run).orElseThrow();
	}

	/** The newest runs of one CRM, at most {@link HubSpotSync#RUNS}. */
	List<HubSpotSync.Run> runs(UUID workspace, String crm) {
		return repository.runs(workspace, crm, HubSpotSync.RUNS).stream().map(ImportRuns::run).toList();
	}

	/**
	 * One run of one CRM with what happened to each record.
	 * @throws NotFoundProblem for a run of another workspace or CRM, or none
	 */
	HubSpotSync.RunLog runLog(UUID workspace, String crm, UUID runId) {
		CrmRepository.RunRow row = repository.run(workspace, runId)
			.filter(r -> crm.equals(r.crm()))
			.orElseThrow(() -> new NotFoundProblem("Sync run"));
		List<HubSpotSync.Entry> entries = repository.entries(workspace, runId, HubSpotSync.ENTRIES)
			.stream()
			.map(e -> new HubSpotSync.Entry(e.recordId(), e.email(), e.outcome(), e.reason()))
			.toList();
		return new HubSpotSync.RunLog(run(row), entries);
	}

	/**
	 * Hands a claimed run's work to {@code background} and answers the run as it started
	 * ({@code running}), read before the work is handed over: a short run may end before
	 * this returns. When the executor refuses (shutting down) the run fails and
	 * {@code release} ends the lease.
	 */
	HubSpotSync.Run start(Executor background, UUID workspace, UUID runId, Runnable work, Runnable release) {
		HubSpotSync.Run started = run(workspace, runId);
		try {
			background.execute(work);
			return started;
		}
		catch (RejectedExecutionException ex) {
			abandon(workspace, runId, "PenguinMails is shutting down.");
			release.run();
			return run(workspace, runId);
		}
	}

	/** 409 {@code crm-import-running}, naming the CRM. */
	static InvalidInputProblem running(String crmName) {
		return new InvalidInputProblem(HttpStatus.CONFLICT, "crm-import-running",
				"An import from " + crmName + " is running already; its result shows in the sync log.");
	}

	static HubSpotSync.Run run(CrmRepository.RunRow r) {
		return new HubSpotSync.Run(r.id(), r.source(), r.status(), r.message(), r.pages(), r.created(), r.updated(),
				r.unchanged(), r.skipped(), r.startedAt(), r.finishedAt());
	}

}
