package com.penguinmails.system;

import com.penguinmails.support.Fixtures;

/**
 * Makes an account the installation admin the way the setting-free installation decides
 * it: its workspace becomes the first one created (its owner is then the admin).
 */
public final class SystemAdmins {

	private SystemAdmins() {
	}

	/** A new verified account whose owner is the installation admin. */
	public static Fixtures.Account admin(Fixtures fixtures, String name) {
		Fixtures.Account account = fixtures.verifiedAccount(name);
		fixtures.jdbc().sql("""
				UPDATE workspaces SET created_at = (SELECT min(created_at) FROM workspaces) - interval '1 second'
				WHERE id = ?""").param(account.workspaceId()).update();
		return account;
	}

}
