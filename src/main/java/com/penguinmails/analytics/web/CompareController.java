package com.penguinmails.analytics.web;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.penguinmails.analytics.CampaignComparison;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.Tenancy;

/**
 * Campaigns side by side ({@code /campaigns/compare?ids=a,b}), chosen with the campaigns
 * list's checkboxes or the page's own; a wrong choice is said on the page.
 */
@Controller
class CompareController {

	private final CampaignComparison comparison;

	private final Campaigns campaigns;

	private final Tenancy tenancy;

	CompareController(CampaignComparison comparison, Campaigns campaigns, Tenancy tenancy) {
		this.comparison = comparison;
		this.campaigns = campaigns;
		this.tenancy = tenancy;
	}

	@GetMapping("/campaigns/compare")
	String compare(@RequestParam(required = false) List<String> ids, Model model) {
		Tenant tenant = tenancy.current();
		model.addAttribute("all", campaigns.list(tenant));
		try {
			model.addAttribute("comparison", comparison.compare(tenant, CampaignComparison.ids(ids)));
		}
		catch (InvalidInputProblem ex) {
			model.addAttribute("error", ex.getMessage());
		}
		return "analytics/compare";
	}

}
