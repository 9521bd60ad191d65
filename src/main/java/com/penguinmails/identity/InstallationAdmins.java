package com.penguinmails.identity;

import java.util.UUID;

import com.penguinmails.shared.Tenant;

/**
 * Who runs this installation, as opposed to a workspace: they see the system status page,
 * the backups and the certificates, which cover every workspace. They are the users whose
 * addresses {@code penguinmails.installation.admins} lists (comma-separated,
 * {@code PENGUINMAILS_INSTALLATION_ADMINS}); when it lists none, the owner of the first
 * workspace created (whoever set the installation up).
 */
public interface InstallationAdmins {

	/** Whether the user is an installation admin. */
	boolean isAdmin(UUID userId);

	/**
	 * Fails with {@link com.penguinmails.shared.AccessDeniedProblem} (HTTP 403) unless
	 * the caller's user is an installation admin and, for an API key, the key holds
	 * {@code scope} ({@code system:read} or {@code system:write}).
	 */
	void require(Tenant tenant, String scope);

}
