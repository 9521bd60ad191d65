package com.penguinmails.mailboxes;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.mailboxes.internal.MailboxConnections;
import com.penguinmails.mailboxes.internal.MailboxRepository;
import com.penguinmails.mailboxes.internal.RoutingRepository;
import com.penguinmails.shared.AuditedAction;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * A workspace's sending routes: the ordered rules choosing the transport of each message
 * by campaign, recipient domain or recipient mail provider, as a chain of
 * {@link SendingProviders} perhaps ending with the mailbox's own SMTP server; the From
 * address stays the mailbox's. A message no route matches goes through its mailbox's own
 * transport. A failing provider is skipped until a health check passes. Changes are
 * recorded in the audit log ({@code sending_route.added}, {@code .changed},
 * {@code .deleted}, {@code .reordered}).
 */
@Service
public class SendingRoutes {

	private static final Pattern DOMAIN_PATTERN = Pattern
		.compile("^(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$");

	private static final Set<String> RECIPIENT_PROVIDERS = Set.of("google", "microsoft", "yahoo");

	private final RoutingRepository repository;

	private final MailboxRepository mailboxes;

	private final MailboxConnections connections;

	private final SendingProviders providers;

	private final ObjectProvider<RecipientProviderResolver> resolver;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SendingRoutes(RoutingRepository repository, MailboxRepository mailboxes, MailboxConnections connections,
			SendingProviders providers, ObjectProvider<RecipientProviderResolver> resolver,
			ApplicationEventPublisher events, Clock clock) {
		this.repository = repository;
		this.mailboxes = mailboxes;
		this.connections = connections;
		this.providers = providers;
		this.resolver = resolver;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The workspace's routes in order, each with its providers' health, what it does in
	 * words and why it is broken (if it is; a route shadowed by an earlier one is).
	 */
	public List<SendingRoute> routes(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "mailboxes:read");
		Map<UUID, RoutingRepository.ProviderRow> providers = providersById(tenant.workspaceId());
		return SendingRoute.flagShadowed(
				repository.routes(tenant.workspaceId()).stream().map(route -> view(route, providers)).toList());
	}

	/**
	 * @throws NotFoundProblem 404 when it is not a route of the workspace
	 */
	public SendingRoute route(Tenant tenant, UUID id) {
		return routes(tenant).stream()
			.filter(route -> route.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new NotFoundProblem("Sending route"));
	}

	/**
	 * Adds a route after the others.
	 * @throws InvalidInputProblem 400 naming what is wrong: the match, the domain, the
	 * recipient provider, the campaign, a provider not of the workspace, or no transport
	 */
	@Transactional
	public SendingRoute addRoute(Tenant tenant, NewSendingRoute given) {
		tenant.require(WorkspaceRole.MEMBER, "mailboxes:write");
		UUID id = UUID.randomUUID();
		repository.insertRoute(tenant.workspaceId(), id, checked(tenant, given), clock.instant());
		return audited(tenant, "sending_route.added", route(tenant, id));
	}

	/**
	 * Replaces a route's match and transports, keeping its place.
	 * @throws InvalidInputProblem 400 as for {@link #addRoute}
	 * @throws NotFoundProblem 404 when it is not a route of the workspace
	 */
	@Transactional
	public SendingRoute updateRoute(Tenant tenant, UUID id, NewSendingRoute given) {
		tenant.require(WorkspaceRole.MEMBER, "mailboxes:write");
		if (!repository.updateRoute(tenant.workspaceId(), id, checked(tenant, given))) {
			throw new NotFoundProblem("Sending route");
		}
		return audited(tenant, "sending_route.changed", route(tenant, id));
	}

	@Transactional
	public void deleteRoute(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "mailboxes:write");
		repository.lockRoutes(tenant.workspaceId());
		SendingRoute route = route(tenant, id);
		if (!repository.deleteRoute(tenant.workspaceId(), id)) {
			throw new NotFoundProblem("Sending route");
		}
		audited(tenant, "sending_route.deleted", route);
		repository.order(tenant.workspaceId(),
				repository.routes(tenant.workspaceId()).stream().map(RoutingRepository.RouteRow::id).toList());
	}

	/**
	 * Puts the workspace's routes in the order given.
	 * @throws InvalidInputProblem 400 unless {@code ids} names every route of the
	 * workspace exactly once
	 */
	@Transactional
	public List<SendingRoute> reorder(Tenant tenant, List<UUID> ids) {
		tenant.require(WorkspaceRole.MEMBER, "mailboxes:write");
		repository.lockRoutes(tenant.workspaceId());
		Set<UUID> current = repository.routes(tenant.workspaceId())
			.stream()
			.map(RoutingRepository.RouteRow::id)
			.collect(Collectors.toSet());
		if (ids == null || ids.size() != current.size() || !new HashSet<>(ids).equals(current)) {
			throw new InvalidInputProblem("invalid-route-order", "Give every route of the workspace once, in order.");
		}
		repository.order(tenant.workspaceId(), ids);
		events.publishEvent(AuditedAction.by(tenant, "sending_route.reordered",
				ids.size() + " routes put in a new order", clock.instant()));
		return routes(tenant);
	}

	/** Moves a route one place up ({@code -1}) or down ({@code +1}); at an end, stays. */
	@Transactional
	public void move(Tenant tenant, UUID id, int by) {
		tenant.require(WorkspaceRole.MEMBER, "mailboxes:write");
		repository.lockRoutes(tenant.workspaceId());
		List<UUID> ids = new ArrayList<>(
				repository.routes(tenant.workspaceId()).stream().map(RoutingRepository.RouteRow::id).toList());
		int at = ids.indexOf(id);
		if (at < 0) {
			throw new NotFoundProblem("Sending route");
		}
		int to = Math.max(0, Math.min(ids.size() - 1, at + Integer.signum(by)));
		ids.add(to, ids.remove(at));
		repository.order(tenant.workspaceId(), ids);
		if (to != at) {
			events.publishEvent(AuditedAction.by(tenant, "sending_route.reordered",
					"route " + (at + 1) + " moved to place " + (to + 1), clock.instant()));
		}
	}

	/** A campaign a route may name. */
	public record CampaignChoice(UUID id, String name) {
	}

	/**
	 * The workspace's latest 200 campaigns a route may name (not archived: a route for an
	 * archived campaign never matches), newest first.
	 */
	public List<CampaignChoice> campaigns(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "mailboxes:read");
		return repository.campaigns(tenant.workspaceId(), 200)
			.stream()
			.map(campaign -> new CampaignChoice(campaign.id(), campaign.name()))
			.toList();
	}

	// For the dispatcher

	/** The workspace's routes and providers (with their health), for one batch. */
	public Routing routing(UUID workspaceId) {
		List<RoutingRepository.RouteRow> routes = repository.routes(workspaceId);
		if (routes.isEmpty()) {
			return new Routing(workspaceId, List.of(), RecipientProviderResolver.NONE);
		}
		Map<UUID, RoutingRepository.ProviderRow> providers = providersById(workspaceId);
		List<Routing.Rule> rules = routes.stream()
			.map(route -> new Routing.Rule(route,
					route.providers().stream().map(providers::get).filter(Objects::nonNull).toList()))
			.toList();
		return new Routing(workspaceId, rules, resolver.getIfAvailable(() -> RecipientProviderResolver.NONE));
	}

	/**
	 * Opens the transport of a route choice for a batch of the mailbox: the default is
	 * the mailbox's own ({@link Mailboxes#connect}); a route's is its providers in order,
	 * failing ones skipped (all of them tried when nothing else is left), then perhaps
	 * the mailbox's SMTP server. A provider that cannot take a message during the batch
	 * is marked failing and the message goes to the next at once.
	 * @throws SmtpConnectionFailed when the mailbox is gone (stage {@code unavailable}),
	 * or the route's providers are all off and it does not end with SMTP (stage
	 * {@code providers-off}: its messages wait)
	 */
	public MailboxTransport open(Routing routing, UUID mailboxId, Routing.Choice choice) throws SmtpConnectionFailed {
		MailboxRepository.Row row = mailboxes.credentials(routing.workspaceId(), mailboxId)
			.orElseThrow(() -> new SmtpConnectionFailed("unavailable", "The mailbox was removed."));
		if (choice.routeId() == null) {
			return connections.open(row);
		}
		Routing.Rule rule = routing.rule(choice);
		List<RoutingRepository.ProviderRow> enabled = rule.providers()
			.stream()
			.filter(RoutingRepository.ProviderRow::enabled)
			.toList();
		List<RoutingRepository.ProviderRow> usable = enabled.stream()
			.filter(provider -> provider.health() != ProviderHealth.FAILING)
			.toList();
		if (usable.isEmpty() && !rule.route().thenSmtp()) {
			usable = enabled;
			if (usable.isEmpty()) {
				throw new SmtpConnectionFailed("providers-off", "its providers are all off");
			}
		}
		return connections.openChain(row, usable, rule.route().thenSmtp(),
				(providerId, why) -> providers.markFailing(routing.workspaceId(), providerId, why));
	}

	private Map<UUID, RoutingRepository.ProviderRow> providersById(UUID workspaceId) {
		return repository.providers(workspaceId)
			.stream()
			.collect(Collectors.toMap(RoutingRepository.ProviderRow::id, Function.identity()));
	}

	private RoutingRepository.RouteRow checked(Tenant tenant, NewSendingRoute given) {
		if (given == null) {
			throw new InvalidInputProblem("invalid-route-match",
					"A route matches campaign, recipient_domain or recipient_provider.");
		}
		RouteMatch match = RouteMatch.of(given.match());
		String value = given.value() == null ? "" : given.value().strip().toLowerCase(Locale.ROOT);
		UUID campaignId = null;
		String campaignName = null;
		switch (match) {
			case RECIPIENT_DOMAIN -> {
				if (value.startsWith("@")) {
					value = value.substring(1);
				}
				if (value.length() > 253 || !DOMAIN_PATTERN.matcher(value).matches()
						|| (!value.startsWith("*.") && !value.contains("."))) {
					throw new InvalidInputProblem("invalid-route-domain",
							"Give a recipient domain like example.org, or *.edu for every domain under edu.");
				}
			}
			case RECIPIENT_PROVIDER -> {
				if (!RECIPIENT_PROVIDERS.contains(value)) {
					throw new InvalidInputProblem("invalid-recipient-provider",
							"The recipient's mail provider is google, microsoft or yahoo.");
				}
			}
			case CAMPAIGN -> {
				campaignId = campaignOf(given, value);
				RoutingRepository.CampaignName campaign = repository.campaign(tenant.workspaceId(), campaignId)
					.orElseThrow(
							() -> new InvalidInputProblem("unknown-campaign", "Choose a campaign of the workspace."));
				if (campaign.archived()) {
					throw new InvalidInputProblem("campaign-archived", "The campaign \u201c" + campaign.name()
							+ "\u201d is archived, so a route for it would never match: choose another campaign.");
				}
				campaignName = campaign.name();
				value = campaignId.toString();
			}
		}
		List<UUID> providers = given.providers() == null ? List.of() : given.providers();
		if (new HashSet<>(providers).size() != providers.size()) {
			throw new InvalidInputProblem("invalid-route-providers", "Choose each provider once in a route.");
		}
		if (providers.size() > 10) {
			throw new InvalidInputProblem("invalid-route-providers", "A route tries at most 10 sending providers.");
		}
		boolean anyOn = anyOn(tenant, providers);
		boolean thenSmtp = given.thenSmtp() == null || given.thenSmtp();
		if (providers.isEmpty() && !thenSmtp) {
			throw new InvalidInputProblem("empty-route",
					"A route sends through at least one provider or the mailbox's own SMTP server.");
		}
		if (!anyOn && !thenSmtp) {
			throw new InvalidInputProblem("providers-off", "Every provider of this route is turned off and it does not "
					+ "end with the mailbox's own SMTP server, so it could never send: turn a provider on or add the SMTP step.");
		}
		return new RoutingRepository.RouteRow(null, 0, match, value, campaignId, campaignName, thenSmtp,
				List.copyOf(providers), false);
	}

	/**
	 * Whether any of the providers is on.
	 * @throws InvalidInputProblem 400 when one is not a provider of the workspace
	 */
	private boolean anyOn(Tenant tenant, List<UUID> providers) {
		boolean anyOn = false;
		for (UUID provider : providers) {
			RoutingRepository.ProviderRow found = provider == null ? null
					: repository.provider(tenant.workspaceId(), provider).orElse(null);
			if (found == null) {
				throw new InvalidInputProblem("unknown-provider", "Choose sending providers of the workspace.");
			}
			anyOn |= found.enabled();
		}
		return anyOn;
	}

	private static UUID campaignOf(NewSendingRoute given, String value) {
		if (given.campaignId() != null) {
			return given.campaignId();
		}
		if (value.isEmpty()) {
			throw new InvalidInputProblem("campaign-required", "Choose the campaign whose messages this route sends.");
		}
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("unknown-campaign", "Choose a campaign of the workspace.");
		}
	}

	private SendingRoute audited(Tenant tenant, String action, SendingRoute route) {
		events.publishEvent(
				AuditedAction.by(tenant, action, "route " + route.position() + ": " + route.words(), clock.instant()));
		return route;
	}

	/** The route as users see it, with why it is broken (if it is). */
	static SendingRoute view(RoutingRepository.RouteRow route, Map<UUID, RoutingRepository.ProviderRow> providers) {
		List<SendingRoute.Step> steps = route.providers()
			.stream()
			.map(providers::get)
			.filter(Objects::nonNull)
			.map(provider -> new SendingRoute.Step(provider.id(), provider.name(), provider.provider().kind(),
					provider.health(), provider.enabled()))
			.toList();
		String problem = null;
		if (steps.size() < route.providers().size()) {
			problem = "A provider of this route was deleted: change the route to choose its providers again.";
		}
		else if (route.campaignArchived()) {
			problem = "Its campaign is archived, so this route never matches: change it or delete it.";
		}
		else if (!route.thenSmtp() && steps.stream().noneMatch(SendingRoute.Step::enabled)) {
			problem = "Every provider of this route is turned off and it does not end with SMTP: its messages "
					+ "cannot be sent. Turn a provider on or change the route.";
		}
		return new SendingRoute(route.id(), route.position(), route.match(), route.value(), route.campaignId(),
				route.campaignName(), steps, route.thenSmtp(), words(route, steps), problem);
	}

	/** What the route does, in a sentence. */
	static String words(RoutingRepository.RouteRow route, List<SendingRoute.Step> steps) {
		String which = switch (route.match()) {
			case CAMPAIGN -> "Messages of the campaign \u201c"
					+ (route.campaignName() == null ? route.value() : route.campaignName()) + "\u201d";
			case RECIPIENT_DOMAIN ->
				route.value().startsWith("*.") ? "Messages to any domain under " + route.value().substring(2)
						: "Messages to " + route.value() + " addresses";
			case RECIPIENT_PROVIDER -> "Messages to recipients at " + switch (route.value()) {
				case "google" -> "Google (Gmail, Workspace)";
				case "microsoft" -> "Microsoft (Outlook.com, Microsoft 365)";
				default -> "Yahoo (Yahoo Mail, AOL)";
			};
		};
		List<String> chain = new ArrayList<>(steps.stream().map(SendingRoute.Step::name).toList());
		if (route.thenSmtp()) {
			chain.add("the mailbox's own SMTP server");
		}
		if (chain.isEmpty()) {
			return which + " go nowhere: the route has no transport left.";
		}
		String through = chain.size() == 1 ? chain.get(0)
				: String.join(", then ", chain.subList(0, chain.size() - 1)) + ", then " + chain.get(chain.size() - 1);
		return which + " go through " + through + (chain.size() > 1 ? ", each tried when the one before fails." : ".");
	}

}
