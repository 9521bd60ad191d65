package com.penguinmails.identity.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import com.penguinmails.identity.internal.WorkspaceRepository.Membership;
import com.penguinmails.shared.AccessDeniedProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The tenant of the current request: the API key's, or the browser user's current
 * workspace (kept in the session, re-checked against the memberships on every request so
 * a removed member or a changed role takes effect at once).
 */
@Component
public class TenancyResolver implements Tenancy {

	public static final String CURRENT_WORKSPACE = "pm.workspace";

	private final WorkspaceRepository workspaces;

	TenancyResolver(WorkspaceRepository workspaces) {
		this.workspaces = workspaces;
	}

	@Override
	public Tenant current() {
		return find().orElseThrow(() -> new AccessDeniedProblem("You are not a member of any workspace."));
	}

	@Override
	public Optional<Tenant> find() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth instanceof ApiKeyAuthentication apiKey) {
			return Optional.of(apiKey.tenant());
		}
		if (!CurrentUser.fullySignedIn()) {
			return Optional.empty();
		}
		UUID userId = CurrentUser.get().id();
		HttpSession session = session();
		UUID chosen = session == null ? null : (UUID) session.getAttribute(CURRENT_WORKSPACE);
		List<Membership> memberships = workspaces.membershipsOf(userId);
		Optional<Membership> current = memberships.stream()
			.filter(m -> m.workspaceId().equals(chosen))
			.findFirst()
			.or(() -> memberships.stream().findFirst());
		current.ifPresent(m -> {
			if (session != null && !m.workspaceId().equals(chosen)) {
				session.setAttribute(CURRENT_WORKSPACE, m.workspaceId());
			}
		});
		return current.map(m -> new Tenant(m.workspaceId(), userId, m.role(), Set.of(), null));
	}

	@Override
	public Optional<WorkspaceRole> roleElsewhere(Tenant tenant, UUID workspaceId) {
		if (tenant.userId() == null) {
			return Optional.empty();
		}
		return workspaces.roleOf(workspaceId, tenant.userId());
	}

	/** Makes {@code workspaceId} the current workspace, if the user belongs to it. */
	public void switchTo(UUID userId, UUID workspaceId) {
		if (workspaces.roleOf(workspaceId, userId).isEmpty()) {
			throw new NotFoundProblem("Workspace");
		}
		HttpSession session = session();
		if (session != null) {
			session.setAttribute(CURRENT_WORKSPACE, workspaceId);
		}
	}

	private static HttpSession session() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getSession(false);
		}
		return null;
	}

}
