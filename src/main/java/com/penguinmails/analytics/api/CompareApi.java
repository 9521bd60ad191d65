package com.penguinmails.analytics.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.analytics.CampaignComparison;
import com.penguinmails.shared.Tenancy;

@RestController
@Tag(name = "Campaigns", description = "Sequences sent from a pool of mailboxes, on a schedule")
@SecurityRequirement(name = "apiKey")
class CompareApi {

	private final CampaignComparison comparison;

	private final Tenancy tenancy;

	CompareApi(CampaignComparison comparison, Tenancy tenancy) {
		this.comparison = comparison;
		this.tenancy = tenancy;
	}

	@GetMapping(path = "/api/v1/campaigns/compare", produces = "application/json")
	@Operation(summary = "2 to 6 campaigns side by side: the same per-person measures (people contacted, delivery, "
			+ "open, click, reply, interested, bounce, unsubscribe and complaint rates), the best value of each "
			+ "row marked")
	CampaignComparison.Comparison compare(
			@Parameter(description = "2 to 6 campaign ids, separated by commas") @RequestParam(
					required = false) List<String> ids) {
		return comparison.compare(tenancy.current(), CampaignComparison.ids(ids));
	}

}
