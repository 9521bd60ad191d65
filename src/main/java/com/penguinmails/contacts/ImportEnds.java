package com.penguinmails.contacts;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.contacts.internal.ContactImportRepository;

/**
 * The end of an import job: its row marked done or failed and {@link ImportFinished}
 * published with its counts, in one transaction.
 */
@Component
class ImportEnds {

	private final ContactImportRepository jobs;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ImportEnds(ContactImportRepository jobs, ApplicationEventPublisher events, TransactionTemplate transactions,
			Clock clock) {
		this.jobs = jobs;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** The import read its whole file. */
	void done(UUID workspaceId, UUID id) {
		transactions.executeWithoutResult(status -> {
			Instant now = clock.instant();
			jobs.done(id, now);
			publish(workspaceId, id, now);
		});
	}

	/** The import stopped for {@code message}. */
	void failed(UUID workspaceId, UUID id, String message) {
		transactions.executeWithoutResult(status -> {
			Instant now = clock.instant();
			jobs.failed(id, message, now);
			publish(workspaceId, id, now);
		});
	}

	private void publish(UUID workspaceId, UUID id, Instant now) {
		jobs.find(workspaceId, id)
			.ifPresent(job -> events.publishEvent(new ImportFinished(workspaceId, id, job.status(), job.rowsRead(),
					job.inserted(), job.updated(), job.skipped(), job.failed(), job.message(), now)));
	}

}
