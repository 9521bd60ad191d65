package com.penguinmails.analytics.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import com.penguinmails.analytics.CampaignRecipients;
import com.penguinmails.analytics.RecipientEvent;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.Tenancy;

/**
 * Who did what in a campaign (the page the funnel's and tiles' numbers link to), a page
 * at a time, and all of them as CSV.
 */
@Controller
class RecipientsController {

	private final CampaignRecipients recipients;

	private final Campaigns campaigns;

	private final Tenancy tenancy;

	RecipientsController(CampaignRecipients recipients, Campaigns campaigns, Tenancy tenancy) {
		this.recipients = recipients;
		this.campaigns = campaigns;
		this.tenancy = tenancy;
	}

	@GetMapping("/campaigns/{id}/recipients")
	String page(@PathVariable UUID id, @RequestParam(required = false) String event,
			@RequestParam(defaultValue = "false") boolean human, @RequestParam(required = false) String cursor,
			Model model) {
		Tenant tenant = tenancy.current();
		RecipientEvent what = RecipientEvent.parse(event);
		model.addAttribute("campaign", campaigns.get(tenant, id));
		model.addAttribute("page", recipients.page(tenant, id, what, human, cursor, CampaignRecipients.DEFAULT_LIMIT));
		model.addAttribute("events", RecipientEvent.values());
		return "analytics/recipients";
	}

	@GetMapping(path = "/campaigns/{id}/recipients.csv", produces = "text/csv")
	void csv(@PathVariable UUID id, @RequestParam(required = false) String event,
			@RequestParam(defaultValue = "false") boolean human, HttpServletResponse response) throws IOException {
		Tenant tenant = tenancy.current();
		RecipientEvent what = RecipientEvent.parse(event);
		// Checked before the first byte: another workspace's campaign is a 404 page.
		campaigns.get(tenant, id);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition",
				"attachment; filename=\"campaign-" + id + "-" + what.value() + ".csv\"");
		recipients.writeCsv(tenant, id, what, human,
				new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
	}

}
