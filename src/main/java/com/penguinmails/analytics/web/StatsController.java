package com.penguinmails.analytics.web;

import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import com.penguinmails.analytics.CampaignStats;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;

/**
 * The figures panel of a campaign page (loaded into it by htmx, refreshed while it runs):
 * counts and rates per step and variant, the chart over time, and devices.
 */
@Controller
class StatsController {

	private final CampaignStats stats;

	private final Tenancy tenancy;

	private final ObjectMapper json;

	StatsController(CampaignStats stats, Tenancy tenancy, ObjectMapper json) {
		this.stats = stats;
		this.tenancy = tenancy;
		this.json = json;
	}

	@GetMapping("/campaigns/{id}/stats")
	String panel(@PathVariable UUID id, @RequestParam(name = "per", required = false) String per,
			@RequestHeader(name = "HX-Current-URL", required = false) String page, Model model)
			throws JsonProcessingException {
		if (per == null && page != null) {
			// Loaded into the campaign page by htmx: the page's own ?per= decides.
			per = pagePer(page);
		}
		if (per != null && !per.isEmpty() && !per.equals("person") && !per.equals("message")) {
			throw new InvalidInputProblem("invalid-per", "per is person or message");
		}
		CampaignStats.Stats figures = stats.of(tenancy.current(), id);
		model.addAttribute("stats", figures);
		model.addAttribute("perMessage", "message".equals(per));
		// The chart's data, read by /js/stats.js (no inline script under the CSP).
		model.addAttribute("series", json.writeValueAsString(figures.chart().points()));
		return "analytics/panel :: panel";
	}

	/** The {@code per} of the page's address, or null (a malformed address: none). */
	private static String pagePer(String page) {
		try {
			String per = UriComponentsBuilder.fromUriString(page).build().getQueryParams().getFirst("per");
			return "message".equals(per) ? per : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
