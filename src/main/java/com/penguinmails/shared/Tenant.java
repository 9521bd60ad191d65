package com.penguinmails.shared;

import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, in which workspace and with which role: a signed-in user on a page, or
 * an API key (then {@code scopes} limits what it may do and {@code apiKeyId} is set).
 *
 * @param workspaceId the workspace every query of this request is scoped to
 * @param userId the user acting (for an API key, the user who created it)
 * @param role the role the user holds in the workspace
 * @param scopes the API key's scopes, or empty for a browser session (the role alone
 * decides)
 * @param apiKeyId the API key in use, or {@code null}
 */
public record Tenant(UUID workspaceId, UUID userId, WorkspaceRole role, Set<String> scopes, UUID apiKeyId) {

	/**
	 * PenguinMails itself acting in a workspace (the campaign scheduler, the dispatcher):
	 * owner rights, no user, no key. Never built from a request.
	 */
	public static Tenant system(UUID workspaceId) {
		return new Tenant(workspaceId, null, WorkspaceRole.OWNER, Set.of(), null);
	}

	public boolean viaApiKey() {
		return apiKeyId != null;
	}

	/**
	 * Fails with {@link AccessDeniedProblem} unless the role is at least {@code role}
	 * and, for an API key, it holds {@code scope}.
	 */
	public void require(WorkspaceRole role, String scope) {
		if (!this.role.atLeast(role)) {
			throw new AccessDeniedProblem("This needs the " + role.label().toLowerCase() + " role or higher.");
		}
		if (viaApiKey() && !scopes.contains(scope)) {
			throw new AccessDeniedProblem("This API key lacks the scope '" + scope + "'.");
		}
	}

}
