package com.penguinmails.shared;

import java.util.Optional;

/**
 * Resolves the {@link Tenant} of the current request. Every tenant-owned query takes the
 * tenant's workspace id as its first argument.
 */
public interface Tenancy {

	/** The current tenant, or {@link AccessDeniedProblem} when nobody is signed in. */
	Tenant current();

	Optional<Tenant> find();

	/**
	 * The role the tenant's user holds in another workspace, for actions that span two
	 * workspaces (moving a domain between an agency's clients); empty when not a member.
	 */
	Optional<WorkspaceRole> roleElsewhere(Tenant tenant, java.util.UUID workspaceId);

}
