package com.penguinmails.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import com.penguinmails.inbound.internal.ProviderReconciler;
import com.penguinmails.inbound.internal.ReconciliationStore;
import com.penguinmails.mailboxes.ProviderEventFeeds;
import com.penguinmails.mailboxes.ProviderEventFeeds.Account;
import com.penguinmails.mailboxes.SmtpConnectionFailed;
import com.penguinmails.shared.AuditedAction;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * Reconciles the sending providers' own records with what their webhooks said: every
 * {@code penguinmails.providers.reconcile-every} (default 15 minutes) each Postmark
 * server and Mailgun domain a workspace sends through has its failures and complaints
 * read (Postmark's Bounces API, Mailgun's Events API) from where the last read stopped,
 * less an overlap (providers add events late), and each event the webhooks never
 * delivered (an endpoint down, a provider that gave up retrying, webhooks never set up)
 * is handled as the webhook would have handled it: suppression, sequence stop, mailbox
 * pause, analytics. Events are deduplicated by the provider's event id, so reading one
 * twice, or one the webhook delivered, does nothing. Amazon SES keeps no list to read
 * (its events only go to SNS), so it relies on its webhook.
 * <p>
 * Each account is read by one node at a time (a lease in
 * {@code provider_reconciliations}); the first read looks back
 * {@code penguinmails.providers.reconcile-lookback} (default 3 days).
 */
@Service
public class ProviderReconciliations {

	private static final Logger log = LoggerFactory.getLogger(ProviderReconciliations.class);

	/** How far each read goes back before where the last one stopped. */
	static final Duration OVERLAP = Duration.ofMinutes(30);

	private static final Duration LEASE = Duration.ofMinutes(10);

	/** What {@link #read} answers for a read that failed. */
	private static final int FAILED = -2;

	/**
	 * One provider account's reconciliation.
	 *
	 * @param provider {@code postmark} or {@code mailgun}
	 * @param label the account's name (a sending provider's name, or the provider and the
	 * mailbox using it)
	 * @param readUntil the provider's events are read up to here, or null (not yet)
	 * @param lastRunAt the last read that worked, or null
	 * @param lastError why the latest read failed, in words, or null when it worked
	 * @param failedAt when the latest read failed, or null
	 * @param eventsRead failures and complaints the last read that worked returned
	 * @param missed of them, those no webhook had delivered (now handled)
	 * @param missedTotal all missed events found so far
	 */
	public record Reconciliation(String provider, String label, Instant readUntil, Instant lastRunAt, Instant nextRunAt,
			String lastError, Instant failedAt, int eventsRead, int missed, long missedTotal) {

		/** The provider's name as the page says it. */
		public String providerLabel() {
			return "mailgun".equals(provider) ? "Mailgun" : "Postmark";
		}

	}

	private final ProviderEventFeeds feeds;

	private final ReconciliationStore store;

	private final ProviderReconciler reconciler;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Duration every;

	private final Duration lookback;

	ProviderReconciliations(ProviderEventFeeds feeds, ReconciliationStore store, ProviderReconciler reconciler,
			ApplicationEventPublisher events, Clock clock,
			@Value("${penguinmails.providers.reconcile-every:PT15M}") Duration every,
			@Value("${penguinmails.providers.reconcile-lookback:P3D}") Duration lookback) {
		this.feeds = feeds;
		this.store = store;
		this.reconciler = reconciler;
		this.events = events;
		this.clock = clock;
		this.every = every;
		this.lookback = lookback;
	}

	/**
	 * The workspace's provider accounts and how their reconciliation stands, by label.
	 */
	public List<Reconciliation> list(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "mailboxes:read");
		Instant now = clock.instant();
		List<Account> accounts = feeds.accounts(tenant.workspaceId());
		accounts.forEach(a -> store.known(a.workspaceId(), a.key(), a.kind().value(), a.label(), now));
		return store.rows(tenant.workspaceId(), accounts.stream().map(Account::key).toList())
			.stream()
			.map(r -> new Reconciliation(r.provider(), r.label(), r.readUntil(), r.lastRunAt(), r.nextRunAt(),
					r.lastError(), r.failedAt(), r.eventsRead(), r.missed(), r.missedTotal()))
			.toList();
	}

	/**
	 * What a "reconcile now" did.
	 *
	 * @param accounts the workspace's Postmark and Mailgun accounts
	 * @param read those read (the others failed, or another node was reading them)
	 * @param failed those whose read failed (why: in {@link #list})
	 * @param missed events no webhook had delivered, now handled
	 */
	public record Outcome(int accounts, int read, int failed, int missed) {
	}

	/**
	 * Reads the workspace's accounts now, whether due or not (an account another node is
	 * reading is left to it); audited.
	 */
	public Outcome reconcileNow(Tenant tenant) {
		tenant.require(WorkspaceRole.ADMIN, "mailboxes:write");
		Instant now = clock.instant();
		List<Account> accounts = feeds.accounts(tenant.workspaceId());
		int read = 0;
		int failed = 0;
		int missed = 0;
		for (Account account : accounts) {
			int found = read(account, now, true);
			if (found == FAILED) {
				failed++;
			}
			else if (found >= 0) {
				read++;
				missed += found;
			}
		}
		events.publishEvent(AuditedAction.by(tenant, "provider_webhooks.reconciled", accounts.size() + " accounts: "
				+ missed + " missed events found" + (failed == 0 ? "" : ", " + failed + " not read"), now));
		return new Outcome(accounts.size(), read, failed, missed);
	}

	/**
	 * Reads every workspace's due accounts; what the loop calls.
	 * @return the missed events found and handled
	 */
	public int reconcileDue(Instant now) {
		int missed = 0;
		for (Account account : feeds.accounts()) {
			missed += Math.max(0, read(account, now, false));
		}
		return missed;
	}

	/**
	 * Reads one account when it can be claimed.
	 * @return the missed events found, -1 when not claimed, {@link #FAILED} when the read
	 * failed
	 */
	private int read(Account account, Instant now, boolean force) {
		UUID workspace = account.workspaceId();
		store.known(workspace, account.key(), account.kind().value(), account.label(), now);
		Optional<Optional<Instant>> claimed = store.claim(workspace, account.key(), now, now.plus(LEASE), force);
		if (claimed.isEmpty()) {
			return -1;
		}
		Instant since = claimed.get().map(at -> at.minus(OVERLAP)).orElse(now.minus(lookback));
		try {
			List<JsonNode> events = feeds.events(account, since, now);
			int missed = reconciler.reconcile(workspace, account.kind().value(), events);
			store.read(workspace, account.key(), now, now, now.plus(every), events.size(), missed);
			if (missed > 0) {
				log.info("Reconciliation found {} {} event(s) no webhook had delivered, for workspace {}", missed,
						account.kind().label(), workspace);
			}
			return missed;
		}
		catch (SmtpConnectionFailed ex) {
			store.failed(workspace, account.key(), ex.getMessage(), now, now.plus(every));
			return FAILED;
		}
		catch (RuntimeException ex) {
			log.warn("Reconciling {} for workspace {} failed: {}", account.kind().label(), workspace, ex.toString());
			store.failed(workspace, account.key(),
					"Reading " + account.kind().label() + "'s events failed: " + ex.getClass().getSimpleName(), now,
					now.plus(every));
			return FAILED;
		}
	}

}
