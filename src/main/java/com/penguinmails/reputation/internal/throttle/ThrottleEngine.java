package com.penguinmails.reputation.internal.throttle;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.reputation.PathState;
import com.penguinmails.reputation.RecipientProvider;
import com.penguinmails.reputation.SendingThrottles;
import com.penguinmails.reputation.SendingThrottles.Decision;
import com.penguinmails.reputation.SendingThrottles.PathView;
import com.penguinmails.reputation.ThrottleAction;
import com.penguinmails.reputation.ThrottleDecided;
import com.penguinmails.reputation.internal.throttle.PathPolicy.Change;
import com.penguinmails.reputation.internal.throttle.PathPolicy.Path;
import com.penguinmails.reputation.internal.throttle.ProviderSignals.Classified;
import com.penguinmails.reputation.internal.throttle.RecipientProviders.Resolved;
import com.penguinmails.reputation.internal.throttle.ThrottleRepository.StoredPath;
import com.penguinmails.shared.EmailAddresses;
import com.penguinmails.shared.NotFoundProblem;

/**
 * Throttling at work: reads each reply for a provider signal, stores it, and takes the
 * decision {@link PathPolicy} calls for on the mailbox's path to the recipient's
 * provider; takes the recovery steps that are due; applies people's overrides. Each
 * decision is stored with its evidence and published as {@link ThrottleDecided}.
 */
@Service
public class ThrottleEngine {

	/** Replies kept as a decision's evidence. */
	static final int EVIDENCE = 10;

	private final ThrottleRepository paths;

	private final DecisionRepository decisions;

	private final RecipientProviders providers;

	private final Mailboxes mailboxes;

	private final ApplicationEventPublisher events;

	private final ThrottleProperties settings;

	private final TransactionTemplate transactions;

	ThrottleEngine(ThrottleRepository paths, DecisionRepository decisions, RecipientProviders providers,
			Mailboxes mailboxes, ApplicationEventPublisher events, ThrottleProperties settings,
			TransactionTemplate transactions) {
		this.paths = paths;
		this.decisions = decisions;
		this.providers = providers;
		this.mailboxes = mailboxes;
		this.events = events;
		this.settings = settings;
		this.transactions = transactions;
	}

	/**
	 * A reply (or a DSN's diagnostic) to a message from {@code mailboxId} to
	 * {@code toAddress} at {@code at}: stored when it carries a provider signal, and
	 * decided on. {@code source} says where it came from ({@code smtp_deferred},
	 * {@code smtp_failed}, {@code dsn}). Returns the decision taken, if any.
	 */
	public Optional<Decision> signal(UUID workspaceId, UUID mailboxId, String toAddress, Integer replyCode,
			String status, String text, String source, UUID outboxId, Instant at) {
		if (mailboxId == null || toAddress == null || !toAddress.contains("@")) {
			return Optional.empty();
		}
		Optional<Classified> classified = ProviderSignals.classify(replyCode, status, text);
		if (classified.isEmpty()) {
			return Optional.empty();
		}
		Optional<Mailbox> mailbox = mailboxes.find(workspaceId, mailboxId);
		if (mailbox.isEmpty()) {
			return Optional.empty();
		}
		String domain = EmailAddresses.domainPart(toAddress);
		Resolved resolved = providers.resolve(domain, at);
		if (resolved.provider() == RecipientProvider.OTHER && classified.get().provider() != null) {
			// The reply names its provider: a domain hosted there whose MX we could not
			// read.
			resolved = Resolved.of(classified.get().provider(), domain);
		}
		Resolved path = resolved;
		ProviderSignal signal = classified.get().signal();
		return transactions.execute(tx -> {
			paths.addSignal(workspaceId, mailboxId, path.path(), path.provider(), domain, signal, source, text,
					outboxId, at);
			if (signal.response() == ProviderSignal.Response.NONE) {
				return Optional.<Decision>empty();
			}
			StoredPath stored = paths.lock(workspaceId, mailboxId, path.path(), path.provider());
			Instant since = later(at.minus(settings.window()), stored.state().changedAt());
			Map<ProviderSignal, Long> counts = paths.counted(workspaceId, mailboxId, path.path(), since);
			long suspending = counts.entrySet()
				.stream()
				.filter(e -> e.getKey().response() == ProviderSignal.Response.SUSPEND)
				.mapToLong(Map.Entry::getValue)
				.sum();
			long slowing = counts.values().stream().mapToLong(Long::longValue).sum() - suspending;
			return PathPolicy.onSignals(stored.state(), slowing, suspending, settings, at)
				.map(change -> apply(mailbox.get(), stored, change, (int) (slowing + suspending),
						paths.evidence(workspaceId, mailboxId, path.path(), since, EVIDENCE), null, at));
		});
	}

	/**
	 * Takes the recovery steps due at {@code now} (claimed with {@code SKIP LOCKED}, so
	 * nodes share them); returns how many paths were looked at.
	 */
	public int review(Instant now) {
		Integer done = transactions.execute(tx -> {
			List<StoredPath> due = paths.claimReviews(now, 200);
			for (StoredPath path : due) {
				long signals = paths
					.counted(path.workspaceId(), path.mailboxId(), path.path(), path.state().changedAt())
					.values()
					.stream()
					.mapToLong(Long::longValue)
					.sum();
				Optional<Change> change = PathPolicy.onReview(path.state(), signals, settings, now);
				Optional<Mailbox> mailbox = mailboxes.find(path.workspaceId(), path.mailboxId());
				if (change.isPresent() && mailbox.isPresent()) {
					apply(mailbox.get(), path, change.get(), 0, List.of(), null, now);
				}
				else {
					Path p = path.state();
					// Not clean yet (or its mailbox is gone): look again after a clean
					// window.
					paths.save(new StoredPath(path.workspaceId(), path.mailboxId(), path.path(), path.provider(),
							new Path(p.state(), p.perHour(), p.minGapSeconds(), p.suspendedUntil(),
									mailbox.isPresent() ? now.plus(settings.cleanWindow()) : null, p.suspensions(),
									p.manual(), p.changedAt())));
				}
			}
			return due.size();
		});
		return done == null ? 0 : done;
	}

	/**
	 * Suspends the path from {@code mailboxId} for a guard (a complaint or bounce rate
	 * over its limit), unless it is suspended already or set by hand.
	 */
	Optional<Decision> suspendForRate(UUID workspaceId, UUID mailboxId, Resolved path, String reason, int events,
			Instant now) {
		Optional<Mailbox> mailbox = mailboxes.find(workspaceId, mailboxId);
		if (mailbox.isEmpty()) {
			return Optional.empty();
		}
		return transactions.execute(tx -> {
			StoredPath stored = paths.lock(workspaceId, mailboxId, path.path(), path.provider());
			if (stored.state().manual() || stored.state().state() == PathState.SUSPENDED) {
				return Optional.<Decision>empty();
			}
			return Optional.of(apply(mailbox.get(), stored, PathPolicy.suspend(stored.state(), settings, now, reason),
					events, List.of(), null, now));
		});
	}

	/** A person's override, validated by {@link SendingThrottles}. */
	public Decision override(UUID workspaceId, UUID userId, UUID mailboxId, String path, ThrottleAction action,
			SendingThrottles.Override override, Instant now) {
		Mailbox mailbox = mailboxes.find(workspaceId, mailboxId)
			.orElseThrow(() -> new NotFoundProblem("mailbox " + mailboxId));
		String key = path.toLowerCase(Locale.ROOT);
		RecipientProvider provider = providerOf(key);
		return transactions.execute(tx -> {
			StoredPath stored = paths.lock(workspaceId, mailboxId, key, provider);
			Path before = stored.state();
			Change change = switch (action) {
				case KEEP_SUSPENDED -> new Change(action, new Path(PathState.SUSPENDED, 0, 0, override.until(),
						override.until(), before.suspensions(), true, now), "kept suspended by hand");
				case CUSTOM_RATE -> new Change(action,
						new Path(PathState.SLOWED, override.perHour(),
								override.minGapSeconds() == null ? 0 : override.minGapSeconds(), null, null,
								before.suspensions(), true, now),
						"custom rate set by hand: " + override.perHour() + " an hour");
				default -> new Change(ThrottleAction.RESUME, Path.normal(now), "resumed by hand");
			};
			return apply(mailbox, stored, change, 0, List.of(), userId, now);
		});
	}

	public List<PathView> paths(UUID workspaceId, Instant since) {
		return paths.paths(workspaceId, since).stream().map(p -> {
			Path s = p.state();
			String email = mailboxes.find(workspaceId, p.mailboxId()).map(Mailbox::email).orElse("(removed mailbox)");
			return new PathView(p.mailboxId(), email, p.provider(), p.path(), s.state(), s.perHour(), s.minGapSeconds(),
					s.suspendedUntil(), s.reviewAt(), s.manual(), s.changedAt());
		}).toList();
	}

	public List<Decision> decisions(UUID workspaceId, int max) {
		return decisions.latest(workspaceId, max);
	}

	private Decision apply(Mailbox mailbox, StoredPath stored, Change change, int signals, List<String> evidence,
			UUID by, Instant now) {
		Path next = change.next();
		paths.save(new StoredPath(stored.workspaceId(), stored.mailboxId(), stored.path(), stored.provider(), next));
		String email = mailbox.email();
		Decision decision = new Decision(UUID.randomUUID(), stored.mailboxId(),
				email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT), stored.provider(), stored.path(),
				change.action(), next.state(), next.perHour(), next.minGapSeconds(), next.suspendedUntil(),
				change.reason(), signals, settings.window().toSeconds(), evidence, by, now);
		decisions.add(stored.workspaceId(), decision);
		events.publishEvent(new ThrottleDecided(stored.workspaceId(), decision.id(), stored.mailboxId(), email,
				stored.provider(), stored.path(), change.action(), next.state(), next.perHour(), next.suspendedUntil(),
				change.reason(), signals, evidence, by, now));
		return decision;
	}

	private static RecipientProvider providerOf(String path) {
		for (RecipientProvider provider : RecipientProvider.values()) {
			if (provider != RecipientProvider.OTHER && provider.value().equals(path)) {
				return provider;
			}
		}
		return RecipientProvider.OTHER;
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

}
