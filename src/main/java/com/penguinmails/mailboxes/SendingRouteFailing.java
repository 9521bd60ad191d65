package com.penguinmails.mailboxes;

import java.util.List;
import java.util.UUID;

/**
 * Every sending provider of a route is failing its health checks (published once, when
 * the last of them starts failing; {@link SendingRouteRecovered} follows when one passes
 * again).
 *
 * @param workspaceId the route's workspace
 * @param routeId the route
 * @param route what the route does, in words
 * @param providers each failing provider as "name (why, in words)"
 * @param thenSmtp whether the route ends with the mailbox's own SMTP server (its messages
 * go there meanwhile; else they wait)
 */
public record SendingRouteFailing(UUID workspaceId, UUID routeId, String route, List<String> providers,
		boolean thenSmtp) {
}
