package com.penguinmails.mailboxes;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.mailboxes.internal.MailboxRepository;
import com.penguinmails.mailboxes.internal.ProviderTransports;
import com.penguinmails.mailboxes.internal.RoutingRepository;
import com.penguinmails.shared.AuditedAction;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * A workspace's sending providers: named Postmark, Mailgun or Amazon SES accounts (their
 * credentials encrypted with context {@code sending-provider:<id>}, never returned) that
 * {@link SendingRoutes} send through. Each provider's health is checked periodically
 * ({@link #checkDue}, one node per provider) and by sends ({@link #markFailing}): a
 * failing provider is skipped by routes until a check passes; a provider turned off is
 * skipped and not checked. When every provider of a route fails, an alert says so
 * ({@link SendingRouteFailing}). Changes and checks are recorded in the audit log
 * ({@code sending_provider.added}, {@code .changed}, {@code .deleted}, {@code .checked};
 * never a secret).
 */
@Service
public class SendingProviders {

	private static final Logger log = LoggerFactory.getLogger(SendingProviders.class);

	/** At most this many providers are checked per round. */
	static final int CHECKS_PER_ROUND = 50;

	private final RoutingRepository repository;

	private final ProviderTransports transports;

	private final ProviderProperties properties;

	private final RouteAlarms alarms;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	SendingProviders(RoutingRepository repository, ProviderTransports transports, ProviderProperties properties,
			RouteAlarms alarms, ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock) {
		this.repository = repository;
		this.transports = transports;
		this.properties = properties;
		this.alarms = alarms;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** The workspace's sending providers, with their health, by name. */
	public List<SendingProvider> providers(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "mailboxes:read");
		return repository.providers(tenant.workspaceId()).stream().map(RoutingRepository.ProviderRow::view).toList();
	}

	/**
	 * One sending provider of the workspace.
	 * @throws NotFoundProblem 404 when it is not a provider of the workspace
	 */
	public SendingProvider provider(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.VIEWER, "mailboxes:read");
		return found(tenant, id).view();
	}

	/**
	 * Adds a sending provider (admins: it holds credentials; nothing is called yet: its
	 * first health check is due at once, or see {@link #check}).
	 * @throws InvalidInputProblem 400 naming the missing or invalid field, 409 when the
	 * name is taken
	 */
	@Transactional
	public SendingProvider addProvider(Tenant tenant, NewSendingProvider given) {
		tenant.require(WorkspaceRole.ADMIN, "mailboxes:write");
		UUID id = UUID.randomUUID();
		String name = name(tenant, given, id);
		MailboxRepository.Provider provider = settings(id, MailboxRepository.Provider.SMTP, given);
		repository.insertProvider(tenant.workspaceId(), id, name, provider, !Boolean.FALSE.equals(given.enabled()),
				clock.instant());
		SendingProvider added = found(tenant, id).view();
		audit(tenant, "sending_provider.added", added);
		return added;
	}

	/**
	 * Changes a provider's name, settings or whether it is on (admins; a blank secret
	 * keeps the stored one; the kind is given and stays: another kind is another
	 * provider); its health is unknown again until checked.
	 * @throws InvalidInputProblem 400 naming the missing or invalid field or a kind
	 * change, 409 when the name is taken
	 * @throws NotFoundProblem 404 when it is not a provider of the workspace
	 */
	@Transactional
	public SendingProvider updateProvider(Tenant tenant, UUID id, NewSendingProvider given) {
		tenant.require(WorkspaceRole.ADMIN, "mailboxes:write");
		RoutingRepository.ProviderRow current = found(tenant, id);
		String name = name(tenant, given, id);
		boolean enabled = given.enabled() == null ? current.enabled() : given.enabled();
		repository.updateProvider(tenant.workspaceId(), id, name, settings(id, current.provider(), given), enabled,
				clock.instant());
		SendingProvider changed = found(tenant, id).view();
		audit(tenant, "sending_provider.changed",
				current.name().equals(name) ? changed : renamed(changed, current.name() + " renamed to " + name));
		return changed;
	}

	/**
	 * Deletes a sending provider (admins).
	 * @throws InvalidInputProblem 409 while a route names it
	 */
	@Transactional
	public void deleteProvider(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.ADMIN, "mailboxes:write");
		RoutingRepository.ProviderRow provider = found(tenant, id);
		long routes = repository.routesUsing(tenant.workspaceId(), id);
		if (routes > 0) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "provider-in-use", provider.name() + " is used by "
					+ routes + (routes == 1 ? " route" : " routes") + ": change or delete them first.");
		}
		repository.deleteProvider(tenant.workspaceId(), id);
		audit(tenant, "sending_provider.deleted", provider.view());
	}

	/**
	 * Checks the provider now (its cheapest authenticated call) and records its health.
	 */
	public SendingProvider check(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "mailboxes:write");
		RoutingRepository.ProviderRow provider = found(tenant, id);
		check(provider, clock.instant(), () -> events.publishEvent(AuditedAction.by(tenant, "sending_provider.checked",
				provider.name() + ": " + found(tenant, id).health().label(), clock.instant())));
		return found(tenant, id).view();
	}

	/**
	 * One round of the periodic health checks at {@code now}: claims the providers of any
	 * workspace whose check is due (one node each), calls each one's cheapest
	 * authenticated endpoint and records healthy or failing, with the error in words.
	 * Returns how many were checked.
	 */
	public int checkDue(Instant now) {
		List<RoutingRepository.ProviderRow> due = repository.claimDue(now, now.plus(properties.healthCheckEvery()),
				CHECKS_PER_ROUND);
		due.forEach(provider -> check(provider, now, () -> {
		}));
		return due.size();
	}

	/**
	 * Calls the provider (outside any transaction), then records its health, reviews the
	 * workspace's routes' alarms and runs {@code then}, in one transaction.
	 */
	private void check(RoutingRepository.ProviderRow provider, Instant now, Runnable then) {
		ConnectionTest.Step step = transports.check(ProviderTransports.sendingProviderContext(provider.id()),
				provider.provider());
		ProviderHealth health = step.ok() ? ProviderHealth.HEALTHY : ProviderHealth.FAILING;
		if (health != provider.health()) {
			log.info("Sending provider {} is now {}", provider.id(), health.value());
		}
		transactions.executeWithoutResult(status -> {
			repository.recordHealth(provider.workspaceId(), provider.id(), health,
					step.ok() ? null : healthError(provider, step), now, now.plus(properties.healthCheckEvery()), true);
			alarms.review(provider.workspaceId(), now);
			then.run();
		});
	}

	/**
	 * Why a check failed, in words naming the provider's kind (never the stage key: it is
	 * for code, not people).
	 */
	private static String healthError(RoutingRepository.ProviderRow provider, ConnectionTest.Step step) {
		String label = provider.provider().kind().label();
		return step.message().startsWith(label) ? step.message() : label + ": " + step.message();
	}

	/**
	 * For the dispatcher: a send found the provider failing (unreachable, refused key,
	 * 429 or 5xx): it is skipped until a check passes, which is due within the check
	 * interval.
	 */
	public void markFailing(UUID workspaceId, UUID providerId, String why) {
		Instant now = clock.instant();
		transactions.executeWithoutResult(status -> {
			repository.recordHealth(workspaceId, providerId, ProviderHealth.FAILING, why, now,
					now.plus(properties.healthCheckEvery()), false);
			alarms.review(workspaceId, now);
		});
	}

	private void audit(Tenant tenant, String action, SendingProvider provider) {
		events.publishEvent(AuditedAction.by(tenant, action,
				provider.name() + " (" + provider.describe() + (provider.enabled() ? "" : ", off") + ")",
				clock.instant()));
	}

	/** The provider under another name, for the audit: "Old renamed to New". */
	private static SendingProvider renamed(SendingProvider provider, String words) {
		return new SendingProvider(provider.id(), words, provider.transport(), provider.health(),
				provider.healthError(), provider.healthChangedAt(), provider.checkedAt(), provider.enabled());
	}

	private RoutingRepository.ProviderRow found(Tenant tenant, UUID id) {
		return repository.provider(tenant.workspaceId(), id).orElseThrow(() -> new NotFoundProblem("Sending provider"));
	}

	private String name(Tenant tenant, NewSendingProvider given, UUID id) {
		String name = given == null || given.name() == null ? "" : given.name().strip();
		if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInputProblem("invalid-name", "Give the provider a name of at most 100 characters.");
		}
		if (repository.nameTaken(tenant.workspaceId(), name, id)) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "provider-exists",
					"A sending provider is already named " + name + ".");
		}
		return name;
	}

	/**
	 * The settings to store; {@code current} is {@link MailboxRepository.Provider#SMTP}
	 * when adding.
	 * @throws InvalidInputProblem 400 when the kind is missing ({@code kind-required}),
	 * not a provider's ({@code invalid-provider-kind}) or another than the stored one
	 * ({@code kind-changed}: another kind is another provider)
	 */
	private MailboxRepository.Provider settings(UUID id, MailboxRepository.Provider current, NewSendingProvider given) {
		if (given.kind() == null || given.kind().isBlank()) {
			throw new InvalidInputProblem("kind-required", "Give the provider's kind: postmark, mailgun or ses.");
		}
		TransportKind kind = TransportKind.SMTP;
		for (TransportKind each : TransportKind.values()) {
			if (each.provider() && each.value().equalsIgnoreCase(given.kind().strip())) {
				kind = each;
			}
		}
		if (!kind.provider()) {
			throw new InvalidInputProblem("invalid-provider-kind",
					"A sending provider's kind is postmark, mailgun or ses.");
		}
		if (current.kind().provider() && kind != current.kind()) {
			throw new InvalidInputProblem("kind-changed", "This provider is " + current.kind().label()
					+ ": its kind cannot change. To use another kind of provider, add a new one.");
		}
		return transports.settings(ProviderTransports.sendingProviderContext(id), current, given.transport());
	}

}
