package com.penguinmails.dashboard.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.dashboard.Dashboard;
import com.penguinmails.dashboard.Summary;
import com.penguinmails.shared.Tenancy;

/** The home dashboard's figures, as the page shows them. */
@RestController
@Tag(name = "Dashboard", description = "The workspace's figures at a glance")
@SecurityRequirement(name = "apiKey")
class DashboardApi {

	private final Dashboard dashboard;

	private final Tenancy tenancy;

	DashboardApi(Dashboard dashboard, Tenancy tenancy) {
		this.dashboard = dashboard;
		this.tenancy = tenancy;
	}

	@GetMapping(path = "/api/v1/dashboard", produces = "application/json")
	@Operation(
			summary = "What needs attention (unread alerts, mailboxes paused or in error, running campaigns no "
					+ "mailbox can send for); sent, delivered, replied (people, rate), positive replies, bounced, "
					+ "complained and unsubscribed for today, 7 and 30 days (UTC days, today included); mailboxes by "
					+ "state; domains by health; sends and replies of each of the last 30 days",
			description = "From a daily read model fed by events, so its cost does not grow with the messages sent. "
					+ "An API key needs campaigns:read, mailboxes:read, domains:read and workspace:read.")
	Summary dashboard() {
		return dashboard.summary(tenancy.current());
	}

}
