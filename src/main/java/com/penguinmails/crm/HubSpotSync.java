package com.penguinmails.crm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import com.penguinmails.crm.internal.CrmRepository;
import com.penguinmails.crm.internal.HubSpotImporter;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * A workspace's HubSpot contact imports and their sync log; the connection is
 * {@link HubSpotConnections}'.
 * <p>
 * An import reads all contacts ({@code GET /crm/v3/objects/contacts}) or one list's
 * members ({@code GET /crm/v3/lists/{id}/memberships} then {@code batch/read}) to the
 * last page and merges each record into a contact keyed on the HubSpot record id (see
 * {@link HubSpotImporter}). One import runs per connection at a time: it holds a lease of
 * {@link #LEASE} on the connection row, so two nodes never import one workspace at once.
 * <p>
 * Roles: reading the log needs a viewer ({@code crm:read}); importing a member
 * ({@code crm:write}). Contacts are written as the workspace itself, so an API key needs
 * no contacts scope.
 */
@Service
public class HubSpotSync {

	/** The CRM name stored in the tables. */
	public static final String CRM = HubSpotConnections.CRM;

	/** Runs the page shows. */
	public static final int RUNS = 10;

	/** Entries of one run the log shows. */
	public static final int ENTRIES = 500;

	/** How long one import may hold the connection before another may start. */
	static final Duration LEASE = Duration.ofHours(2);

	/**
	 * One import run of the sync log.
	 *
	 * @param status {@code running}, {@code done} or {@code failed}
	 * @param source "all contacts" or "list 123"
	 * @param pages pages read from HubSpot
	 * @param unchanged records already matching their contact
	 */
	public record Run(UUID id, String source, String status, String message, int pages, int created, int updated,
			int unchanged, int skipped, Instant startedAt, Instant finishedAt) {
	}

	/**
	 * What happened to one record.
	 *
	 * @param outcome {@code created}, {@code updated} or {@code skipped}
	 * @param reason why (skipped), or what changed (updated)
	 */
	public record Entry(String recordId, String email, String outcome, String reason) {
	}

	/** A run and its entries (at most {@value #ENTRIES}). */
	public record RunLog(Run run, List<Entry> entries) {
	}

	private final CrmRepository repository;

	private final HubSpotConnections connections;

	private final HubSpotImporter importer;

	private final ImportRuns runs;

	private final Clock clock;

	/** Runs the imports started from a page or the API, one at a time per node. */
	private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "crm-import");
		thread.setDaemon(true);
		return thread;
	});

	HubSpotSync(CrmRepository repository, HubSpotConnections connections, HubSpotImporter importer, ImportRuns runs,
			Clock clock) {
		this.runs = runs;
		this.repository = repository;
		this.connections = connections;
		this.importer = importer;
		this.clock = clock;
	}

	/**
	 * Starts an import now, in the background (it reads HubSpot's pages to the end), and
	 * answers the run as it starts ({@code running}); its counts and log fill in as it
	 * goes.
	 * @throws NotFoundProblem when not connected; 409 {@code crm-expired} when the token
	 * was refused (connect again), 409 {@code crm-import-running} while another import
	 * runs
	 */
	public Run startImport(Tenant tenant) {
		tenant.require(WorkspaceRole.MEMBER, "crm:write");
		CrmRepository.ConnectionRow row = importable(tenant);
		UUID runId = claim(row).orElseThrow(() -> ImportRuns.running("HubSpot"));
		return runs.start(background, row.workspaceId(), runId, () -> runAndRelease(row, runId), () -> release(row));
	}

	/**
	 * Imports now, to the end of HubSpot's pages, in the caller's thread, and answers the
	 * finished run.
	 * @throws NotFoundProblem when not connected; 409 {@code crm-expired} when the token
	 * was refused (connect again), 409 {@code crm-import-running} while another import
	 * runs
	 */
	public Run importNow(Tenant tenant) {
		tenant.require(WorkspaceRole.MEMBER, "crm:write");
		CrmRepository.ConnectionRow row = importable(tenant);
		UUID runId = claim(row).orElseThrow(() -> ImportRuns.running("HubSpot"));
		runAndRelease(row, runId);
		return runs.run(row.workspaceId(), runId);
	}

	private CrmRepository.ConnectionRow importable(Tenant tenant) {
		CrmRepository.ConnectionRow row = connections.row(tenant);
		if ("expired".equals(row.status())) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "crm-expired",
					"HubSpot refused the token: connect again. " + Objects.toString(row.message(), ""));
		}
		return row;
	}

	/**
	 * Stops the background imports (a running one ends with the JVM; its lease expires).
	 */
	@PreDestroy
	void stop() {
		background.shutdownNow();
	}

	/** For the scheduler: runs the due scheduled imports one after another. */
	public int importDue() {
		int ran = 0;
		for (UUID workspace : repository.due(CRM, clock.instant())) {
			Optional<CrmRepository.ConnectionRow> row = repository.connection(workspace, CRM);
			if (row.isPresent() && runClaimed(row.get()).isPresent()) {
				ran++;
			}
		}
		return ran;
	}

	/** The newest runs, at most {@value #RUNS}. */
	public List<Run> runs(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "crm:read");
		return runs.runs(tenant.workspaceId(), CRM);
	}

	/**
	 * One run with what happened to each record created, updated or skipped.
	 * @throws NotFoundProblem for a run of another workspace or none
	 */
	public RunLog runLog(Tenant tenant, UUID runId) {
		tenant.require(WorkspaceRole.VIEWER, "crm:read");
		return runs.runLog(tenant.workspaceId(), CRM, runId);
	}

	/** The HubSpot record id a contact was imported from, if any. */
	public Optional<String> recordOf(Tenant tenant, UUID contactId) {
		tenant.require(WorkspaceRole.VIEWER, "crm:read");
		return repository.recordOf(tenant.workspaceId(), CRM, contactId);
	}

	private Optional<Run> runClaimed(CrmRepository.ConnectionRow row) {
		Optional<UUID> runId = claim(row);
		runId.ifPresent(id -> runAndRelease(row, id));
		return runId.map(id -> runs.run(row.workspaceId(), id));
	}

	/**
	 * Takes the lease and records the run as started; empty when another import holds it.
	 */
	private Optional<UUID> claim(CrmRepository.ConnectionRow row) {
		return runs.claim(row.workspaceId(), CRM,
				row.sourceListId() == null ? "all contacts" : "list " + row.sourceListId());
	}

	private void runAndRelease(CrmRepository.ConnectionRow row, UUID runId) {
		try {
			importer.run(row, runId, connections.accessTokens(row));
		}
		finally {
			release(row);
		}
	}

	private void release(CrmRepository.ConnectionRow row) {
		runs.release(row.workspaceId(), CRM, row.importEvery());
	}

}
