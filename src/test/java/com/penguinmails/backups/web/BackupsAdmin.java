package com.penguinmails.backups.web;

import java.util.UUID;

import com.penguinmails.support.Fixtures;

/**
 * The installation admin of the test database: the owner of its first workspace (the
 * tests set no {@code penguinmails.installation.admins}), made by a fixture when none
 * exists yet, so that its password is the fixtures'.
 */
final class BackupsAdmin {

	private BackupsAdmin() {
	}

	static Fixtures.Account of(Fixtures fixtures) {
		if (fixtures.jdbc().sql("SELECT count(*) FROM workspaces").query(Long.class).single() == 0) {
			return fixtures.verifiedAccount("installation-admin");
		}
		return fixtures.jdbc()
			.sql("""
					SELECT m.user_id, m.workspace_id, u.email FROM memberships m JOIN users u ON u.id = m.user_id
					WHERE m.role = 'OWNER' AND m.workspace_id = (SELECT id FROM workspaces ORDER BY created_at, id LIMIT 1)""")
			.query((rs, n) -> new Fixtures.Account(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getString(3)))
			.single();
	}

}
