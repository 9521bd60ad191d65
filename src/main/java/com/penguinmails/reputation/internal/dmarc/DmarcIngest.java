package com.penguinmails.reputation.internal.dmarc;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.reputation.DmarcFileEntry.Origin;
import com.penguinmails.reputation.DmarcFileEntry.Status;

/**
 * Stores what {@link AggregateReports} read from one file or message: each report in its
 * own transaction, once per workspace, org and report id (a second copy is logged as a
 * duplicate); a malformed file is logged with its reason and its first 64 KiB, and never
 * stops the others. Then asks for the reverse names of new sources.
 */
@Component
public class DmarcIngest {

	private static final Logger log = LoggerFactory.getLogger(DmarcIngest.class);

	private final DmarcStore store;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	DmarcIngest(DmarcStore store, TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	/** How many of the file's reports were stored, duplicates and malformed. */
	public record Outcome(int stored, int duplicates, int malformed) {

		Outcome plus(Status status) {
			return new Outcome(stored + (status == Status.STORED ? 1 : 0),
					duplicates + (status == Status.DUPLICATE ? 1 : 0),
					malformed + (status == Status.MALFORMED ? 1 : 0));
		}

	}

	/** Published after reports were stored: the sources' reverse names are looked up. */
	public record SourcesSeen(UUID workspaceId) {
	}

	/**
	 * Stores the results of reading one file or message.
	 * @param bytes the file (or message) as received: kept, bounded, for malformed ones
	 * @param inboundId the inbound message it came in, or {@code null} for an upload
	 */
	public Outcome ingest(UUID workspaceId, Origin origin, UUID inboundId, byte[] bytes, List<ReportFile> files) {
		Outcome outcome = new Outcome(0, 0, 0);
		Instant now = clock.instant();
		for (ReportFile file : files) {
			Status status;
			try {
				status = transactions.execute(tx -> one(workspaceId, origin, inboundId, bytes, file, now));
			}
			catch (RuntimeException ex) {
				log.warn("DMARC report file {} of workspace {} could not be stored: {}", file.name(), workspaceId,
						ex.toString());
				status = transactions.execute(tx -> {
					store.insertFile(new DmarcStore.NewFile(UUID.randomUUID(), workspaceId, file.name(), origin,
							inboundId, Status.MALFORMED, "could not be stored: " + ex.getMessage(), null, null,
							bytes.length, bytes, now));
					return Status.MALFORMED;
				});
			}
			outcome = outcome.plus(status);
		}
		if (outcome.stored() > 0) {
			transactions.executeWithoutResult(tx -> events.publishEvent(new SourcesSeen(workspaceId)));
		}
		return outcome;
	}

	private Status one(UUID workspaceId, Origin origin, UUID inboundId, byte[] bytes, ReportFile file, Instant now) {
		UUID fileId = UUID.randomUUID();
		if (file instanceof ReportFile.Read read) {
			AggregateReport report = read.report();
			String missing = missing(report);
			if (missing == null) {
				store.insertFile(new DmarcStore.NewFile(fileId, workspaceId, file.name(), origin, inboundId,
						Status.STORED, null, report.orgName(), report.reportId(), bytes.length, null, now));
				if (store.insertReport(workspaceId, fileId, report, now)) {
					return Status.STORED;
				}
				// RFC 7489 §7.2.1.1: org and report id name a report: the second copy
				// counts once.
				store.duplicate(workspaceId, fileId);
				return Status.DUPLICATE;
			}
			store.insertFile(new DmarcStore.NewFile(fileId, workspaceId, file.name(), origin, inboundId,
					Status.MALFORMED, missing, report.orgName(), report.reportId(), bytes.length, bytes, now));
			return Status.MALFORMED;
		}
		ReportFile.Malformed malformed = (ReportFile.Malformed) file;
		store.insertFile(new DmarcStore.NewFile(fileId, workspaceId, file.name(), origin, inboundId, Status.MALFORMED,
				malformed.reason(), null, null, bytes.length, bytes, now));
		return Status.MALFORMED;
	}

	/** What a report lacks to be stored, in words; null when it lacks nothing. */
	private static String missing(AggregateReport report) {
		if (report.orgName() == null || report.reportId() == null) {
			return "no org_name or report_id in report_metadata: the report cannot be told from others";
		}
		if (report.policy() == null || report.policy().domain() == null) {
			return "no policy_published/domain: the report names no domain";
		}
		if (report.begin() == null || report.end() == null || report.end().isBefore(report.begin())) {
			return "no valid date_range";
		}
		return null;
	}

}
