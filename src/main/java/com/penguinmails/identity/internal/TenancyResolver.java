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
import org.springframework.web.context.request.RequestAttributes;
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

	/**
	 * The request's tenant once resolved: a page asks several times (the page, the
	 * layout's workspace menu, the alerts badge), and each asking read the memberships
	 * again.
	 */
	private static final String RESOLVED = TenancyResolver.class.getName() + ".resolved";

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
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null && request.getAttribute(RESOLVED, RequestAttributes.SCOPE_REQUEST) instanceof Tenant tenant
				&& userId.equals(tenant.userId())) {
			return Optional.of(tenant);
		}
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
		Optional<Tenant> tenant = current.map(m -> new Tenant(m.workspaceId(), userId, m.role(), Set.of(), null));
		if (request != null && tenant.isPresent()) {
			request.setAttribute(RESOLVED, tenant.get(), RequestAttributes.SCOPE_REQUEST);
		}
		return tenant;
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
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			request.removeAttribute(RESOLVED, RequestAttributes.SCOPE_REQUEST);
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
