package com.penguinmails.analytics.api;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.analytics.CampaignStats;
import com.penguinmails.shared.Tenancy;

@RestController
@Tag(name = "Campaigns", description = "Sequences sent from a pool of mailboxes, on a schedule")
@SecurityRequirement(name = "apiKey")
class StatsApi {

	private final CampaignStats stats;

	private final Tenancy tenancy;

	StatsApi(CampaignStats stats, Tenancy tenancy) {
		this.stats = stats;
		this.tenancy = tenancy;
	}

	@GetMapping(path = "/api/v1/campaigns/{id}/stats", produces = "application/json")
	@Operation(summary = "Sent, delivered, opened (unique, people apart from machines), clicked, replied, bounced, "
			+ "unsubscribed and complained: for the campaign, per step and per variant, with rates, per day, "
			+ "and people's devices")
	CampaignStats.Stats stats(@PathVariable UUID id) {
		return stats.of(tenancy.current(), id);
	}

}
