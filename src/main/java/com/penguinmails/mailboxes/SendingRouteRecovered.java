package com.penguinmails.mailboxes;

import java.util.UUID;

/**
 * A route whose providers were all failing ({@link SendingRouteFailing}) has one that
 * passed its health check again.
 *
 * @param workspaceId the route's workspace
 * @param routeId the route
 * @param position its place, from 1
 * @param route what the route does, in words
 * @param provider the name of the provider that passed
 */
public record SendingRouteRecovered(UUID workspaceId, UUID routeId, int position, String route, String provider) {
}
