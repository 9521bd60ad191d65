package com.penguinmails.mailboxes;

import java.util.List;
import java.util.UUID;

/**
 * A sending route of a workspace, in its order: the first route that matches a message
 * chooses its transports (its providers in order, skipping the failing ones, then perhaps
 * the mailbox's SMTP server); a message no route matches goes through its mailbox's own
 * transport.
 *
 * @param id the route's id
 * @param position its place, from 1
 * @param match what it matches on
 * @param value the domain or suffix, the recipient provider, or the campaign's id
 * @param campaignId for a campaign route, the campaign's id (else null)
 * @param campaignName for a campaign route, the campaign's name (else null)
 * @param providers the sending providers tried in order, with their health
 * @param thenSmtp whether the mailbox's own SMTP server comes last
 * @param words what the route does, in a sentence a person reads
 * @param problem why the route is broken (it can never match or never send: its campaign
 * is archived, a provider is gone, or all its providers are turned off and it does not
 * end with SMTP), in words; null when it works
 */
public record SendingRoute(UUID id, int position, RouteMatch match, String value, UUID campaignId, String campaignName,
		List<Step> providers, boolean thenSmtp, String words, String problem) {

	/**
	 * The routes, in order, with each one shadowed by an earlier route of the same match
	 * (the same campaign, domain or recipient provider) flagged as never used, unless it
	 * is broken for another reason already.
	 */
	static List<SendingRoute> flagShadowed(List<SendingRoute> routes) {
		java.util.Map<String, Integer> first = new java.util.HashMap<>();
		List<SendingRoute> flagged = new java.util.ArrayList<>();
		for (SendingRoute route : routes) {
			Integer earlier = first.putIfAbsent(route.match() + ":" + route.value(), route.position());
			flagged.add(earlier == null || route.problem() != null ? route
					: new SendingRoute(route.id(), route.position(), route.match(), route.value(), route.campaignId(),
							route.campaignName(), route.providers(), route.thenSmtp(), route.words(),
							"Never used: route " + earlier + " matches these messages first. Delete this route, "
									+ "or change its match."));
		}
		return List.copyOf(flagged);
	}

	/**
	 * One sending provider of the route, with its health and whether it is on (a provider
	 * that is off is skipped).
	 */
	public record Step(UUID providerId, String name, TransportKind kind, ProviderHealth health, boolean enabled) {
	}

}
