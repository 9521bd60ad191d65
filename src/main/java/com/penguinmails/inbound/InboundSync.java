package com.penguinmails.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import com.penguinmails.inbound.internal.InboundProperties;
import com.penguinmails.inbound.internal.InboundStore;
import com.penguinmails.inbound.internal.MailboxSync;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * Syncs every mailbox's INBOX and spam folder on an interval. Nodes share the mailboxes
 * through leased claims ({@code SKIP LOCKED}), so each is read by one node at a time; a
 * failing mailbox is retried with a growing wait (up to an hour) and its error shown.
 */
@Service
public class InboundSync {

	private static final Logger log = LoggerFactory.getLogger(InboundSync.class);

	private final Mailboxes mailboxes;

	private final InboundStore store;

	private final MailboxSync sync;

	private final InboundProperties properties;

	private final Clock clock;

	/** Renews the claims of the syncs running on this node. */
	private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "inbound-lease");
		thread.setDaemon(true);
		return thread;
	});

	InboundSync(Mailboxes mailboxes, InboundStore store, MailboxSync sync, InboundProperties properties, Clock clock) {
		this.mailboxes = mailboxes;
		this.store = store;
		this.sync = sync;
		this.properties = properties;
		this.clock = clock;
	}

	/** What one sync of a mailbox did. */
	public record Result(UUID mailboxId, int stored, List<String> folders, String error) {
	}

	/**
	 * Syncs the mailboxes that are due, at most {@code max}, one after the other. Each is
	 * claimed just before it is read, not all at once, and its claim is a short lease
	 * renewed while the sync runs: a node killed mid-round holds the one mailbox it was
	 * reading for one lease (two minutes) at most, and the others stay free for the other
	 * nodes (the cluster benchmark found a killed node stalling every mailbox it had
	 * claimed for ten minutes).
	 */
	public List<Result> tick(int max) {
		store.schedule(mailboxes.all(), clock.instant());
		List<Result> results = new ArrayList<>();
		for (int i = 0; i < max; i++) {
			List<UUID[]> claimed = store.claimDue(clock.instant(), properties.lease(), 1);
			if (claimed.isEmpty()) {
				break;
			}
			results.add(syncClaimed(claimed.get(0)[0], claimed.get(0)[1]));
		}
		return results;
	}

	/**
	 * Syncs a mailbox this node has claimed, renewing the claim every quarter lease until
	 * the sync ends (which clears it).
	 */
	Result syncClaimed(UUID workspaceId, UUID mailboxId) {
		Duration lease = properties.lease();
		long every = Math.max(1, lease.toMillis() / 4);
		ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> renew(mailboxId, lease), every, every,
				TimeUnit.MILLISECONDS);
		try {
			return sync(workspaceId, mailboxId);
		}
		finally {
			renewal.cancel(false);
		}
	}

	private void renew(UUID mailboxId, Duration lease) {
		try {
			store.renew(mailboxId, clock.instant().plus(lease));
		}
		catch (RuntimeException ex) {
			// The next renewal tries again. At worst the lease ends and another node
			// reads the mailbox too, which the stored messages' keys make harmless.
			log.warn("The inbound claim on mailbox {} could not be renewed: {}", mailboxId, ex.toString());
		}
	}

	@PreDestroy
	void stop() {
		renewals.shutdownNow();
	}

	/** Syncs one mailbox now (also what "Sync now" does). */
	public Result sync(UUID workspaceId, UUID mailboxId) {
		Instant started = clock.instant();
		try (Store imap = mailboxes.openImap(workspaceId, mailboxId)) {
			MailboxSync.Outcome outcome = sync.sync(workspaceId, mailboxId, imap);
			store.synced(workspaceId, mailboxId, clock.instant(), clock.instant().plus(properties.interval()));
			return new Result(mailboxId, outcome.stored(), outcome.folders(), null);
		}
		catch (NotFoundProblem ex) {
			return new Result(mailboxId, 0, List.of(), "The mailbox was removed.");
		}
		catch (MessagingException | RuntimeException ex) {
			String error = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage().strip();
			int failures = store.failed(workspaceId, mailboxId, error, started, properties.interval());
			log.info("Inbound sync of mailbox {} failed ({} in a row): {}", mailboxId, failures, error);
			return new Result(mailboxId, 0, List.of(), error);
		}
	}

	/**
	 * Where a mailbox's sync stands, for the inbox page: when it was last read, its
	 * error, and the messages skipped because their Message-ID was already stored.
	 */
	public record Status(UUID mailboxId, String email, Instant lastSyncedAt, String lastError, int failures,
			long duplicatesSkipped, String lastDuplicate) {
	}

	/** The sync status of each of the workspace's mailboxes. */
	public List<Status> statuses(Tenant tenant) {
		return statuses(tenant, mailboxes.list(tenant));
	}

	/**
	 * The sync status of each of {@code listed}, the workspace's mailboxes the caller
	 * already has (one read for all of them).
	 */
	public List<Status> statuses(Tenant tenant, List<Mailbox> listed) {
		tenant.require(WorkspaceRole.VIEWER, "mailboxes:read");
		Map<UUID, InboundStore.SyncStatus> statuses = store.statuses(tenant.workspaceId(),
				listed.stream().map(Mailbox::id).toList());
		return listed.stream().map(mailbox -> {
			var status = statuses.get(mailbox.id());
			return new Status(mailbox.id(), mailbox.email(), status == null ? null : status.lastSyncedAt(),
					status == null ? null : status.lastError(), status == null ? 0 : status.failures(),
					status == null ? 0 : status.duplicatesSkipped(), status == null ? null : status.lastDuplicate());
		}).toList();
	}

	/** Makes the mailbox due now, for the next round of any node (IMAP IDLE saw mail). */
	public void wake(UUID mailboxId) {
		store.due(mailboxId, clock.instant());
	}

}
