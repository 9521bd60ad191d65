package com.penguinmails.mailboxes;

import java.util.List;
import java.util.UUID;

/**
 * Every sending provider of one or more routes is failing its health checks: published
 * once per outage (the review after a provider's health is recorded), listing each route
 * whose last provider just started failing; {@link SendingRouteRecovered} follows for a
 * route when one of its providers passes again. Routes that can never match (their
 * campaign is archived) are left out.
 *
 * @param workspaceId the routes' workspace
 * @param routes the routes affected, in their order (at least one)
 */
public record SendingRouteFailing(UUID workspaceId, List<Route> routes) {

	/**
	 * One route of the outage.
	 *
	 * @param routeId the route
	 * @param position its place, from 1
	 * @param words what the route does, in a sentence
	 * @param providers each failing provider as "name (why, in words)"
	 * @param thenSmtp whether the route ends with the mailbox's own SMTP server (its
	 * messages go there meanwhile; else they wait)
	 */
	public record Route(UUID routeId, int position, String words, List<String> providers, boolean thenSmtp) {
	}

	/** Whether some route's messages wait (no SMTP step to fall back on). */
	public boolean messagesWait() {
		return routes.stream().anyMatch(route -> !route.thenSmtp());
	}

}
