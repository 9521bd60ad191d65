package com.penguinmails.contacts;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.contacts.internal.BulkJobRepository;
import com.penguinmails.contacts.internal.BulkJobRepository.Claimed;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenant;

/**
 * Runs bulk jobs: claims one ({@code SKIP LOCKED}, leased for {@link #LEASE}) and walks
 * its selection in batches of {@link ContactBulkJobs#BATCH} by contact id from the job's
 * {@code last_id}. Each batch locks the job row, applies the action, and commits with the
 * new {@code last_id} and counts, so a cancel takes effect between batches and a job
 * whose node died (its lease run out) goes on where it stopped. {@link ContactBulkLoop}
 * calls {@link #step} on every node; tests call it with the instant they choose.
 */
@Component
public class ContactBulkWorker {

	private static final Logger log = LoggerFactory.getLogger(ContactBulkWorker.class);

	/** How long a claim holds a job without a batch committing. */
	public static final Duration LEASE = Duration.ofMinutes(5);

	private final BulkJobRepository jobs;

	private final ContactSelection selection;

	private final BulkBatches batches;

	private final LeadScoring scoring;

	private final TransactionTemplate transactions;

	ContactBulkWorker(BulkJobRepository jobs, ContactSelection selection, BulkBatches batches, LeadScoring scoring,
			TransactionTemplate transactions) {
		this.jobs = jobs;
		this.selection = selection;
		this.batches = batches;
		this.scoring = scoring;
		this.transactions = transactions;
	}

	/**
	 * Claims the oldest waiting job (queued, or running with its lease run out) and runs
	 * it to its end; returns false when there was none.
	 */
	public boolean step(Instant now) {
		Optional<Claimed> claimed = jobs.claim(null, now, now.plus(LEASE));
		claimed.ifPresent(job -> run(job, now));
		return claimed.isPresent();
	}

	/** Runs the job {@code id} now when it is still queued (small selections). */
	void runNow(UUID id, Instant now) {
		jobs.claim(id, now, now.plus(LEASE)).ifPresent(job -> run(job, now));
	}

	private void run(Claimed job, Instant now) {
		UUID lastId = job.lastId();
		try {
			batches.begin(job, now);
			while (true) {
				UUID after = lastId;
				Optional<UUID> next = transactions.execute(status -> batch(job, after, now));
				if (next == null || next.isEmpty()) {
					break;
				}
				lastId = next.get();
			}
			if (job.action() != BulkAction.EXPORT && job.action() != BulkAction.DELETE
					&& job.action() != BulkAction.ENROL) {
				scoring.rescoreAfterImport(job.workspaceId());
			}
		}
		catch (RuntimeException | IOException ex) {
			log.warn("Bulk job {} failed: {}", job.id(), ex.toString());
			String message = ex instanceof Problem problem ? problem.getMessage() : "The job stopped: " + ex;
			jobs.finish(job.id(), BulkJobStatus.FAILED, message, now);
		}
	}

	/**
	 * One batch in the caller's transaction: the id to go on after, or empty when the job
	 * is over (done, or cancelled meanwhile).
	 */
	private Optional<UUID> batch(Claimed job, UUID after, Instant now) {
		if (!jobs.renew(job.id(), now.plus(LEASE))) {
			return Optional.empty();
		}
		List<UUID> ids = next(job, after);
		if (ids.isEmpty()) {
			jobs.finish(job.id(), BulkJobStatus.DONE, null, now);
			return Optional.empty();
		}
		BulkBatches.Outcome outcome;
		try {
			outcome = batches.apply(job, ids, now);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		UUID last = ids.get(ids.size() - 1);
		jobs.progress(job.id(), last, outcome.done(), outcome.skipped(), outcome.failed());
		return Optional.of(last);
	}

	/** The next batch of the job's selection after {@code after}, in id order. */
	private List<UUID> next(Claimed job, UUID after) {
		if (job.selection().ids() != null) {
			return job.selection()
				.ids()
				.stream()
				.filter(id -> after == null || id.compareTo(after) > 0)
				.limit(ContactBulkJobs.BATCH)
				.toList();
		}
		return selection.ids(Tenant.system(job.workspaceId()), job.selection().filter(), after, ContactBulkJobs.BATCH);
	}

}
