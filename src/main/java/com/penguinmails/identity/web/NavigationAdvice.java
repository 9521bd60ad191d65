package com.penguinmails.identity.web;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import com.penguinmails.identity.InstallationAdmins;
import com.penguinmails.identity.internal.CurrentUser;
import com.penguinmails.identity.internal.UserAccount;
import com.penguinmails.identity.internal.UserRepository;
import com.penguinmails.identity.internal.WorkspaceRepository;
import com.penguinmails.identity.internal.WorkspaceRepository.Membership;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * Puts the signed-in user's workspaces and role in every page's model, for the top bar.
 * Pages rendered outside a controller's model (an error page, an exception handler's
 * page) read the same through the {@code navigation} bean ({@link Navigation}), so a
 * signed-in user sees the signed-in header there too.
 */
@ControllerAdvice(annotations = Controller.class)
class NavigationAdvice {

	/**
	 * @param installationAdmin whether the user runs the installation
	 * ({@link InstallationAdmins}): the Installation links (system status) show
	 */
	record Nav(String email, UUID workspaceId, String workspaceName, WorkspaceRole role, List<Membership> memberships,
			boolean installationAdmin) {

		public boolean admin() {
			return role.atLeast(WorkspaceRole.ADMIN);
		}

		/** Whether the user may change things (member or above), not only read them. */
		public boolean member() {
			return role.atLeast(WorkspaceRole.MEMBER);
		}

		public boolean owner() {
			return role == WorkspaceRole.OWNER;
		}

	}

	/**
	 * The navigation of the signed-in user, for templates:
	 * {@code ${@navigation.current()}}.
	 */
	@org.springframework.stereotype.Component("navigation")
	static class Navigation {

		private final NavigationAdvice advice;

		Navigation(NavigationAdvice advice) {
			this.advice = advice;
		}

		/** The signed-in user's navigation, or null when nobody is fully signed in. */
		public Nav current() {
			return advice.nav();
		}

	}

	private final Tenancy tenancy;

	private final WorkspaceRepository workspaces;

	private final UserRepository users;

	private final InstallationAdmins installationAdmins;

	NavigationAdvice(Tenancy tenancy, WorkspaceRepository workspaces, UserRepository users,
			InstallationAdmins installationAdmins) {
		this.tenancy = tenancy;
		this.workspaces = workspaces;
		this.users = users;
		this.installationAdmins = installationAdmins;
	}

	@ModelAttribute("nav")
	Nav nav() {
		if (!CurrentUser.fullySignedIn()) {
			return null;
		}
		Optional<Tenant> tenant = tenancy.find();
		if (tenant.isEmpty()) {
			return null;
		}
		List<Membership> memberships = workspaces.membershipsOf(tenant.get().userId());
		String name = memberships.stream()
			.filter(m -> m.workspaceId().equals(tenant.get().workspaceId()))
			.map(Membership::workspaceName)
			.findFirst()
			.orElse("");
		String email = users.findById(tenant.get().userId()).map(UserAccount::email).orElse("");
		return new Nav(email, tenant.get().workspaceId(), name, tenant.get().role(), memberships,
				installationAdmins.isAdmin(tenant.get().userId()));
	}

}
