package com.penguinmails.contacts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.contacts.internal.ContactChangeLog;
import com.penguinmails.contacts.internal.ContactFields;
import com.penguinmails.contacts.internal.ContactImportRepository;

/**
 * The end of an import job, in one transaction: its row marked done or failed,
 * {@link ContactsChanged} naming the contacts its merged batches added or updated (read
 * back from the timeline rows the merge wrote with the job's id), and
 * {@link ImportFinished} with its counts. Published at the end, not batch by batch: the
 * batches commit on the importer's own connections.
 */
@Component
class ImportEnds {

	/**
	 * An import job: who ran it and the fields its file's columns map to
	 * ({@code first_name}, {@code custom.plan}, ...).
	 */
	record Job(UUID workspaceId, UUID id, UUID userId, List<String> columns) {
	}

	private final ContactImportRepository jobs;

	private final ContactChangeLog changes;

	private final ContactUpdates updates;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ImportEnds(ContactImportRepository jobs, ContactChangeLog changes, ContactUpdates updates,
			ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock) {
		this.updates = updates;
		this.jobs = jobs;
		this.changes = changes;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** The import read its whole file. */
	void done(Job job) {
		transactions.executeWithoutResult(status -> {
			Instant now = clock.instant();
			jobs.done(job.id(), now);
			publish(job, now);
		});
	}

	/** The import stopped for {@code message} (batches merged before stay merged). */
	void failed(Job job, String message) {
		transactions.executeWithoutResult(status -> {
			Instant now = clock.instant();
			jobs.failed(job.id(), message, now);
			publish(job, now);
		});
	}

	private void publish(Job job, Instant now) {
		List<UUID> created = new ArrayList<>();
		List<UUID> updated = new ArrayList<>();
		for (ContactChangeLog.Imported contact : changes.imported(job.workspaceId(), job.id())) {
			(contact.inserted() ? created : updated).add(contact.contactId());
		}
		updates.changed(job.workspaceId(), created, updated, apiNames(job.columns()), job.userId(), job.id());
		jobs.find(job.workspaceId(), job.id())
			.ifPresent(found -> events
				.publishEvent(new ImportFinished(job.workspaceId(), job.id(), found.status(), found.rowsRead(),
						found.inserted(), found.updated(), found.skipped(), found.failed(), found.message(), now)));
	}

	/**
	 * The columns an update may have written, as the contacts API names them
	 * ({@code first_name} → {@code firstName}; {@code custom.<key>}, {@code tags}); the
	 * address and unmapped columns left out. Sorted.
	 */
	static List<String> apiNames(List<String> columns) {
		TreeSet<String> names = new TreeSet<>();
		for (String column : columns) {
			if (column == null || column.equals("email")) {
				continue;
			}
			if (column.startsWith("custom.") && column.length() > 7) {
				names.add(column.toLowerCase(Locale.ROOT));
			}
			else if (ContactFields.STANDARD.contains(column)) {
				names.add(camel(column));
			}
		}
		return List.copyOf(names);
	}

	private static String camel(String snake) {
		StringBuilder name = new StringBuilder();
		boolean upper = false;
		for (char c : snake.toCharArray()) {
			if (c == '_') {
				upper = true;
			}
			else {
				name.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return name.toString();
	}

}
