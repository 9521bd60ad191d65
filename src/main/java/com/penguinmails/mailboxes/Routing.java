package com.penguinmails.mailboxes;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.penguinmails.mailboxes.internal.RoutingRepository;

/**
 * A workspace's sending routes as loaded for one dispatcher batch: {@link #choose} says
 * which route (if any) a message takes, and {@link SendingRoutes#open} opens the chosen
 * transport, once per batch per route. Not thread-safe (one batch, one thread).
 */
public final class Routing {

	/**
	 * The route a message takes; {@link #DEFAULT} (no route matched) is the mailbox's own
	 * transport. Equal choices share one transport in a batch.
	 */
	public record Choice(UUID routeId) {

		public static final Choice DEFAULT = new Choice(null);

	}

	record Rule(RoutingRepository.RouteRow route, List<RoutingRepository.ProviderRow> providers) {
	}

	private final UUID workspaceId;

	private final List<Rule> rules;

	private final RecipientProviderResolver resolver;

	private final Map<String, String> recipientProviders = new HashMap<>();

	Routing(UUID workspaceId, List<Rule> rules, RecipientProviderResolver resolver) {
		this.workspaceId = workspaceId;
		this.rules = rules;
		this.resolver = resolver;
	}

	public UUID workspaceId() {
		return workspaceId;
	}

	/**
	 * Whether a transport failure of this choice is its mailbox's own: the mailbox's
	 * transport, or a route ending with the mailbox's SMTP server (tried last). When a
	 * route of providers alone fails, the providers are failing, not the mailbox.
	 */
	public boolean mailboxAnswers(Choice choice) {
		return choice.routeId() == null || rule(choice).route().thenSmtp();
	}

	/**
	 * The choice in words for a message's reason: "Sending route 3", or "Its mailbox's
	 * transport" for {@link Choice#DEFAULT}.
	 */
	public String describe(Choice choice) {
		return choice.routeId() == null ? "Its mailbox's transport"
				: "Sending route " + rule(choice).route().position();
	}

	/**
	 * The first route matching a message of {@code campaignId} (may be null) to
	 * {@code recipient} (an address or a domain), else {@link Choice#DEFAULT}.
	 */
	public Choice choose(UUID campaignId, String recipient) {
		if (rules.isEmpty()) {
			return Choice.DEFAULT;
		}
		String domain = recipient.substring(recipient.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
		for (Rule rule : rules) {
			if (matches(rule.route(), campaignId, domain)) {
				return new Choice(rule.route().id());
			}
		}
		return Choice.DEFAULT;
	}

	Rule rule(Choice choice) {
		return rules.stream()
			.filter(rule -> rule.route().id().equals(choice.routeId()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Not a route of this workspace: " + choice));
	}

	private boolean matches(RoutingRepository.RouteRow route, UUID campaignId, String domain) {
		return switch (route.match()) {
			case CAMPAIGN -> route.campaignId() != null && route.campaignId().equals(campaignId);
			case RECIPIENT_DOMAIN -> domainMatches(route.value(), domain);
			case RECIPIENT_PROVIDER ->
				route.value().equals(recipientProviders.computeIfAbsent(domain, resolver::providerOf));
		};
	}

	/** {@code example.org} matches itself; {@code *.edu} matches any domain under edu. */
	static boolean domainMatches(String pattern, String domain) {
		if (pattern.startsWith("*.")) {
			return domain.endsWith(pattern.substring(1));
		}
		return domain.equals(pattern);
	}

}
