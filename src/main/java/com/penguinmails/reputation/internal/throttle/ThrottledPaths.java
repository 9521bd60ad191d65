package com.penguinmails.reputation.internal.throttle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.delivery.SendingPaths;
import com.penguinmails.reputation.PathState;
import com.penguinmails.reputation.internal.throttle.PathPolicy.Path;
import com.penguinmails.reputation.internal.throttle.ThrottleRepository.StoredPath;

/**
 * The throttling decisions in force, as the campaign scheduler and the dispatcher read
 * them: one query for the mailboxes' limited paths, and only when there is one, the
 * recipient domains' providers (cached). A suspension whose end has passed before its
 * recovery step ran already allows the trial rate.
 */
@Component
class ThrottledPaths implements SendingPaths {

	private final ThrottleRepository repository;

	private final RecipientProviders providers;

	private final ThrottleProperties settings;

	ThrottledPaths(ThrottleRepository repository, RecipientProviders providers, ThrottleProperties settings) {
		this.repository = repository;
		this.providers = providers;
		this.settings = settings;
	}

	@Override
	public List<PathLimit> limits(UUID workspaceId, Collection<UUID> mailboxIds, Collection<String> recipientDomains,
			Instant now) {
		if (mailboxIds.isEmpty() || recipientDomains.isEmpty()) {
			return List.of();
		}
		List<StoredPath> limited = repository.limited(workspaceId, mailboxIds);
		if (limited.isEmpty()) {
			return List.of();
		}
		Map<String, List<String>> domainsByPath = new HashMap<>();
		for (String domain : recipientDomains) {
			domainsByPath.computeIfAbsent(providers.resolve(domain, now).path(), p -> new ArrayList<>()).add(domain);
		}
		List<PathLimit> limits = new ArrayList<>();
		for (StoredPath path : limited) {
			Path state = path.state();
			boolean over = state.state() == PathState.SUSPENDED && !state.suspendedUntil().isAfter(now);
			for (String domain : domainsByPath.getOrDefault(path.path(), List.of())) {
				limits.add(over
						? new PathLimit(path.mailboxId(), domain, path.path(), null, settings.trialPerHour(),
								(int) settings.trialGap().toSeconds())
						: new PathLimit(path.mailboxId(), domain, path.path(),
								state.state() == PathState.SUSPENDED ? state.suspendedUntil() : null, state.perHour(),
								state.minGapSeconds()));
			}
		}
		return limits;
	}

}
