package com.penguinmails.warmup;

import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;

/**
 * An API client whose key holds warmup:read and warmup:write. Helper "schedule" of issue
 * 15 adds those scopes to the list keys are validated against; until that is merged the
 * key is made with another scope and given the warmup ones in the table.
 */
final class WarmupApiKeys {

	private WarmupApiKeys() {
	}

	static Api api(Fixtures fixtures, Account account) {
		Api api = fixtures.api(account, "workspace:read");
		fixtures.jdbc().sql("""
				UPDATE api_keys SET scopes = ARRAY['workspace:read', 'warmup:read', 'warmup:write']
				WHERE workspace_id = ? AND NOT ('warmup:read' = ANY (scopes))""").param(account.workspaceId()).update();
		return api;
	}

}
