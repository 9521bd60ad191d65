package com.penguinmails.domains.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.penguinmails.domains.DomainStatus;
import com.penguinmails.shared.SystemCheck;
import com.penguinmails.shared.SystemChecks;

/**
 * Domains failing DNS, over every workspace, on the system status page: a required record
 * that verified before no longer does ({@link DomainStatus#FAILING}).
 */
@Component
class FailingDomainsCheck implements SystemCheck {

	private final JdbcClient jdbc;

	FailingDomainsCheck(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String key() {
		return "domains.dns";
	}

	@Override
	public String title() {
		return "Domains passing DNS";
	}

	@Override
	public Result run() {
		return jdbc.sql("SELECT count(*) AS n, count(DISTINCT workspace_id) AS w FROM domains WHERE status = ?")
			.param(DomainStatus.FAILING.value())
			.query((rs, i) -> SystemChecks.broken(rs.getLong("n"), rs.getLong("w"), "domain", "domains",
					"failing DNS verification",
					"Members of those workspaces open Domains: compare each failing domain's expected records with "
							+ "what DNS answers and correct them at the DNS host; domains are checked again every 6 hours."))
			.single();
	}

}
