package com.penguinmails.analytics.api;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.analytics.AttributionModel;
import com.penguinmails.analytics.RevenueAttribution;
import com.penguinmails.analytics.internal.deals.RevenuePeriod;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.Tenancy;

@RestController
@Tag(name = "Analytics",
		description = "Workspace analytics, exports and scheduled reports over any period and filter, read from hourly rollups")
@SecurityRequirement(name = "apiKey")
class RevenueApi {

	private final RevenueAttribution attribution;

	private final RevenuePeriod period;

	private final Tenancy tenancy;

	RevenueApi(RevenueAttribution attribution, RevenuePeriod period, Tenancy tenancy) {
		this.attribution = attribution;
		this.period = period;
		this.tenancy = tenancy;
	}

	@GetMapping(path = "/api/v1/analytics/revenue", produces = "application/json")
	@Operation(summary = "Revenue per campaign of the deals closed in a period: each deal credited to the campaigns "
			+ "whose messages were sent to its contact before it closed, first touch, last touch and linear (shared "
			+ "equally per message) side by side, revenue the chosen model's; deals with no such message are "
			+ "unattributed. Every figure is per currency: currencies are never added together")
	RevenueAttribution.Revenue revenue(
			@Parameter(description = "first_touch, last_touch or linear (the default)") @RequestParam(
					required = false) String model,
			@Parameter(description = "first day, inclusive (YYYY-MM-DD); default 29 days before to") @RequestParam(
					required = false) String from,
			@Parameter(description = "last day, inclusive (YYYY-MM-DD); default today") @RequestParam(
					required = false) String to,
			@Parameter(description = "IANA time zone the days are read in; default the workspace's") @RequestParam(
					required = false) String zone,
			@Parameter(description = "only these campaigns' rows (repeat, or comma-separated), as on every "
					+ "analytics view") @RequestParam(name = "campaign", required = false) List<UUID> campaignIds) {
		Tenant tenant = tenancy.current();
		return attribution.revenue(tenant, period.filter(tenant, from, to, zone, campaignIds),
				AttributionModel.parse(model));
	}

}
