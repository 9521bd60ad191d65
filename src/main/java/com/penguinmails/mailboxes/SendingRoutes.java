package com.penguinmails.mailboxes;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.mailboxes.internal.MailboxConnections;
import com.penguinmails.mailboxes.internal.MailboxRepository;
import com.penguinmails.mailboxes.internal.RoutingRepository;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * A workspace's sending routes: the ordered rules choosing the transport of each message
 * by campaign, recipient domain or recipient mail provider, as a chain of
 * {@link SendingProviders} perhaps ending with the mailbox's own SMTP server; the From
 * address stays the mailbox's. A message no route matches goes through its mailbox's own
 * transport. A failing provider is skipped until a health check passes.
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

	private final Clock clock;

	SendingRoutes(RoutingRepository repository, MailboxRepository mailboxes, MailboxConnections connections,
			SendingProviders providers, ObjectProvider<RecipientProviderResolver> resolver, Clock clock) {
		this.repository = repository;
		this.mailboxes = mailboxes;
		this.connections = connections;
		this.providers = providers;
		this.resolver = resolver;
		this.clock = clock;
	}

	/**
	 * The workspace's routes in order, each with its providers' health and what it does
	 * in words.
	 */
	public List<SendingRoute> routes(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "mailboxes:read");
		Map<UUID, RoutingRepository.ProviderRow> providers = providersById(tenant.workspaceId());
		return repository.routes(tenant.workspaceId()).stream().map(route -> view(route, providers)).toList();
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
		return route(tenant, id);
	}

	/** Replaces a route's match and transports, keeping its place. */
	@Transactional
	public SendingRoute updateRoute(Tenant tenant, UUID id, NewSendingRoute given) {
		tenant.require(WorkspaceRole.MEMBER, "mailboxes:write");
		if (!repository.updateRoute(tenant.workspaceId(), id, checked(tenant, given))) {
			throw new NotFoundProblem("Sending route");
		}
		return route(tenant, id);
	}

	@Transactional
	public void deleteRoute(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "mailboxes:write");
		repository.lockRoutes(tenant.workspaceId());
		if (!repository.deleteRoute(tenant.workspaceId(), id)) {
			throw new NotFoundProblem("Sending route");
		}
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
	}

	/** A campaign a route may name. */
	public record CampaignChoice(UUID id, String name) {
	}

	/** The workspace's latest 200 campaigns a route may name, newest first. */
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
			.map(route -> new Routing.Rule(route, route.providers().stream().map(providers::get).toList()))
			.toList();
		return new Routing(workspaceId, rules, resolver.getIfAvailable(() -> RecipientProviderResolver.NONE));
	}

	/**
	 * Opens the transport of a route choice for a batch of the mailbox: the default is
	 * the mailbox's own ({@link Mailboxes#connect}); a route's is its providers in order,
	 * failing ones skipped (all of them tried when nothing else is left), then perhaps
	 * the mailbox's SMTP server. A provider that cannot take a message during the batch
	 * is marked failing and the message goes to the next at once.
	 * @throws SmtpConnectionFailed when the mailbox is gone (stage {@code unavailable})
	 */
	public MailboxTransport open(Routing routing, UUID mailboxId, Routing.Choice choice) throws SmtpConnectionFailed {
		MailboxRepository.Row row = mailboxes.credentials(routing.workspaceId(), mailboxId)
			.orElseThrow(() -> new SmtpConnectionFailed("unavailable", "The mailbox was removed."));
		if (choice.routeId() == null) {
			return connections.open(row);
		}
		Routing.Rule rule = routing.rule(choice);
		List<RoutingRepository.ProviderRow> usable = rule.providers()
			.stream()
			.filter(provider -> provider.health() != ProviderHealth.FAILING)
			.toList();
		if (usable.isEmpty() && !rule.route().thenSmtp()) {
			usable = rule.providers();
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
				campaignId = given.campaignId();
				if (campaignId == null) {
					try {
						campaignId = UUID.fromString(value);
					}
					catch (IllegalArgumentException ex) {
						throw new InvalidInputProblem("unknown-campaign", "Choose a campaign of the workspace.");
					}
				}
				campaignName = repository.campaignName(tenant.workspaceId(), campaignId)
					.orElseThrow(
							() -> new InvalidInputProblem("unknown-campaign", "Choose a campaign of the workspace."));
				value = campaignId.toString();
			}
		}
		List<UUID> providers = given.providers() == null ? List.of() : given.providers();
		if (providers.size() > 10 || new HashSet<>(providers).size() != providers.size()) {
			throw new InvalidInputProblem("invalid-route-providers",
					"Name each sending provider of a route once, at most 10.");
		}
		for (UUID provider : providers) {
			if (provider == null || repository.provider(tenant.workspaceId(), provider).isEmpty()) {
				throw new InvalidInputProblem("unknown-provider", "Choose sending providers of the workspace.");
			}
		}
		boolean thenSmtp = given.thenSmtp() == null || given.thenSmtp();
		if (providers.isEmpty() && !thenSmtp) {
			throw new InvalidInputProblem("empty-route",
					"A route sends through at least one provider or the mailbox's own SMTP server.");
		}
		return new RoutingRepository.RouteRow(null, 0, match, value, campaignId, campaignName, thenSmtp,
				List.copyOf(providers));
	}

	private static SendingRoute view(RoutingRepository.RouteRow route,
			Map<UUID, RoutingRepository.ProviderRow> providers) {
		List<SendingRoute.Step> steps = route.providers().stream().map(providers::get).map(provider -> {
			return new SendingRoute.Step(provider.id(), provider.name(), provider.provider().kind(), provider.health());
		}).toList();
		return new SendingRoute(route.id(), route.position(), route.match(), route.value(), route.campaignId(),
				route.campaignName(), steps, route.thenSmtp(), words(route, steps));
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
		String through = chain.size() == 1 ? chain.get(0)
				: String.join(", then ", chain.subList(0, chain.size() - 1)) + ", then " + chain.get(chain.size() - 1);
		return which + " go through " + through + (chain.size() > 1 ? ", each tried when the one before fails." : ".");
	}

}
