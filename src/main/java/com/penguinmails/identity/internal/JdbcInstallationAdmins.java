package com.penguinmails.identity.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.penguinmails.identity.InstallationAdmins;
import com.penguinmails.shared.AccessDeniedProblem;
import com.penguinmails.shared.Tenant;

/** {@link InstallationAdmins} from the setting, else the first workspace's owner. */
@Component
class JdbcInstallationAdmins implements InstallationAdmins {

	private final JdbcClient jdbc;

	private final List<String> configured;

	JdbcInstallationAdmins(JdbcClient jdbc, @Value("${penguinmails.installation.admins:}") List<String> configured) {
		this.jdbc = jdbc;
		this.configured = configured.stream()
			.map(String::strip)
			.filter(s -> !s.isEmpty())
			.map(String::toLowerCase)
			.toList();
	}

	@Override
	public boolean isAdmin(UUID userId) {
		if (userId == null) {
			return false;
		}
		if (!configured.isEmpty()) {
			return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE id = ? AND lower(email) = ANY (?))")
				.params(userId, configured.toArray(String[]::new))
				.query(Boolean.class)
				.single();
		}
		return jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM memberships m
				    WHERE m.user_id = ? AND m.role = 'OWNER'
				      AND m.workspace_id = (SELECT id FROM workspaces ORDER BY created_at, id LIMIT 1))""")
			.param(userId)
			.query(Boolean.class)
			.single();
	}

	@Override
	public void require(Tenant tenant, String scope) {
		if (!isAdmin(tenant.userId())) {
			throw new AccessDeniedProblem("Only the installation's admins may see this.");
		}
		if (tenant.viaApiKey() && !tenant.scopes().contains(scope)) {
			throw new AccessDeniedProblem("This API key lacks the scope '" + scope + "'.");
		}
	}

}
