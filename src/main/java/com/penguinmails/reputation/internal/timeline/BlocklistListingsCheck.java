package com.penguinmails.reputation.internal.timeline;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.penguinmails.shared.SystemCheck;
import com.penguinmails.shared.SystemChecks;

/**
 * Open blocklist listings (the last check still found the domain or IP listed), over
 * every workspace, on the system status page.
 */
@Component
class BlocklistListingsCheck implements SystemCheck {

	private final JdbcClient jdbc;

	BlocklistListingsCheck(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String key() {
		return "blocklists";
	}

	@Override
	public String title() {
		return "Blocklist listings";
	}

	@Override
	public Result run() {
		return jdbc.sql("""
				SELECT count(*) AS n, count(DISTINCT workspace_id) AS w FROM reputation_listings
				WHERE cleared_at IS NULL""")
			.query((rs, i) -> SystemChecks.broken(rs.getLong("n"), rs.getLong("w"), "listing", "listings",
					"open on a blocklist",
					"Members of those workspaces open Reputation, Blocklists: find the cause (a compromised mailbox, "
							+ "a bought list), fix it, then request removal on each list's page and check again."))
			.single();
	}

}
