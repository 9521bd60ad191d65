package com.penguinmails.identity.internal;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.penguinmails.identity.InstallationAdmins;
import com.penguinmails.shared.AccessDeniedProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Installation admins: the listed addresses when the setting lists some, else the owner
 * of the first workspace created; nobody else, whatever their role in their own
 * workspace; an API key of an admin also needs the scope.
 */
@IntegrationTest
class InstallationAdminsTests {

	@Autowired
	InstallationAdmins admins;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void withoutTheSettingTheFirstWorkspacesOwnerIsTheOnlyAdmin() {
		Fixtures.Account later = fixtures.verifiedAccount("later-owner");
		UUID firstOwner = jdbc
			.sql("""
					SELECT m.user_id FROM memberships m
					WHERE m.role = 'OWNER' AND m.workspace_id = (SELECT id FROM workspaces ORDER BY created_at, id LIMIT 1)""")
			.query(UUID.class)
			.single();

		assertThat(admins.isAdmin(firstOwner)).isTrue();
		assertThat(admins.isAdmin(later.userId())).as("the owner of a later workspace").isFalse();
		assertThat(admins.isAdmin(null)).isFalse();
		assertThatThrownBy(() -> admins.require(later.owner(), "system:read")).isInstanceOf(AccessDeniedProblem.class);
	}

	@Test
	void theSettingNamesTheAdminsAndAKeyNeedsTheScope() {
		Fixtures.Account listed = fixtures.verifiedAccount("listed-admin");
		Fixtures.Account other = fixtures.verifiedAccount("not-listed");
		InstallationAdmins configured = new JdbcInstallationAdmins(jdbc,
				List.of(" " + listed.email().toUpperCase() + " ", ""));

		assertThat(configured.isAdmin(listed.userId())).isTrue();
		assertThat(configured.isAdmin(other.userId())).isFalse();
		configured.require(listed.owner(), "system:read");
		Tenant key = new Tenant(listed.workspaceId(), listed.userId(), WorkspaceRole.OWNER, Set.of("system:read"),
				UUID.randomUUID());
		configured.require(key, "system:read");
		assertThatThrownBy(() -> configured.require(key, "system:write")).isInstanceOf(AccessDeniedProblem.class)
			.hasMessageContaining("system:write");
	}

}
