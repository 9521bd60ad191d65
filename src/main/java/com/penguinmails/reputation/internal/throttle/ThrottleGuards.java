package com.penguinmails.reputation.internal.throttle;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.delivery.Outbox;
import com.penguinmails.inbound.BounceReceived;
import com.penguinmails.inbound.ComplaintReceived;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.reputation.internal.throttle.RecipientProviders.Resolved;
import com.penguinmails.shared.EmailAddresses;
import com.penguinmails.shared.Tenant;

/**
 * The complaint-rate and bounce-rate guards per recipient provider (inbound's guards
 * pause a whole mailbox; these stop one path): a complaint or a hard bounce on a path is
 * counted, and the rate over {@link ThrottleProperties#guardWindow()} is checked for the
 * mailbox, then for every mailbox of its sending domain, then for every mailbox of the
 * workspace. The first scope over its limit, with at least
 * {@link ThrottleProperties#guardMinSent()} messages sent on the path, has the path
 * suspended for each of its mailboxes.
 */
@Component
class ThrottleGuards {

	/**
	 * Recipient domains resolved at most per check (the rest count only for their own
	 * path).
	 */
	static final int MAX_RESOLVED = 200;

	private final ThrottleRepository repository;

	private final ThrottleEngine engine;

	private final RecipientProviders providers;

	private final Mailboxes mailboxes;

	private final Outbox outbox;

	private final ThrottleProperties settings;

	ThrottleGuards(ThrottleRepository repository, ThrottleEngine engine, RecipientProviders providers,
			Mailboxes mailboxes, Outbox outbox, ThrottleProperties settings) {
		this.repository = repository;
		this.engine = engine;
		this.providers = providers;
		this.mailboxes = mailboxes;
		this.outbox = outbox;
		this.settings = settings;
	}

	@ApplicationModuleListener
	void on(ComplaintReceived complaint) {
		check(complaint.workspaceId(), complaint.mailboxId(), complaint.address(), ProviderSignal.COMPLAINT,
				complaint.outboxId(), complaint.receivedAt());
	}

	@ApplicationModuleListener
	void on(BounceReceived bounce) {
		if ("hard".equals(bounce.type())) {
			check(bounce.workspaceId(), bounce.mailboxId(), bounce.address(), ProviderSignal.HARD_BOUNCE,
					bounce.outboxId(), bounce.receivedAt());
		}
	}

	/**
	 * Counts the event on its path and suspends the path where a rate is over its limit.
	 */
	void check(UUID workspaceId, UUID mailboxId, String address, ProviderSignal kind, UUID outboxId, Instant at) {
		if (mailboxId == null || address == null || !address.contains("@")) {
			return;
		}
		Optional<Mailbox> mailbox = mailboxes.find(workspaceId, mailboxId);
		if (mailbox.isEmpty()) {
			return;
		}
		String domain = EmailAddresses.domainPart(address);
		Resolved path = providers.resolve(domain, at);
		repository.addSignal(workspaceId, mailboxId, path.path(), path.provider(), domain, kind, "guard",
				kind.label() + " from " + address, outboxId, at);
		List<Mailbox> all = mailboxes.list(Tenant.system(workspaceId));
		String senderDomain = EmailAddresses.domainPart(mailbox.get().email());
		List<List<Mailbox>> scopes = List.of(List.of(mailbox.get()),
				all.stream().filter(m -> EmailAddresses.domainPart(m.email()).equals(senderDomain)).toList(), all);
		List<String> names = List.of(mailbox.get().email(), "the mailboxes of " + senderDomain,
				"every mailbox of the workspace");
		double limit = kind == ProviderSignal.COMPLAINT ? settings.complaintRate() : settings.bounceRate();
		Instant since = at.minus(settings.guardWindow());
		for (int i = 0; i < scopes.size(); i++) {
			List<UUID> ids = scopes.get(i).stream().map(Mailbox::id).toList();
			long events = repository.count(workspaceId, ids, path.path(), kind, since);
			long sent = sentOnPath(workspaceId, ids, path, since, at);
			if (sent >= settings.guardMinSent() && (double) events / sent >= limit) {
				String reason = String.format(Locale.ROOT,
						"%s rate %.2f%% (%d of %d sent in %d days) for %s, over %.2f%%",
						kind == ProviderSignal.COMPLAINT ? "Complaint" : "Hard bounce", 100.0 * events / sent, events,
						sent, settings.guardWindow().toDays(), names.get(i), 100 * limit);
				for (UUID id : ids) {
					engine.suspendForRate(workspaceId, id, path, reason, (int) events, at);
				}
				return;
			}
		}
	}

	/** Messages the mailboxes sent on the path (to its recipient domains) since then. */
	private long sentOnPath(UUID workspaceId, List<UUID> mailboxIds, Resolved path, Instant since, Instant now) {
		Map<String, Integer> byDomain = new HashMap<>();
		outbox.sentToDomains(workspaceId, mailboxIds, since)
			.values()
			.forEach(domains -> domains.forEach((d, n) -> byDomain.merge(d.toLowerCase(Locale.ROOT), n, Integer::sum)));
		long sent = 0;
		int resolved = 0;
		for (Map.Entry<String, Integer> entry : byDomain.entrySet()) {
			boolean onPath = entry.getKey().equals(path.path());
			if (!onPath && path.provider() != com.penguinmails.reputation.RecipientProvider.OTHER
					&& resolved++ < MAX_RESOLVED) {
				onPath = providers.resolve(entry.getKey(), now).path().equals(path.path());
			}
			sent += onPath ? entry.getValue() : 0;
		}
		return sent;
	}

}
