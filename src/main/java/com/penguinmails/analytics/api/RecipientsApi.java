package com.penguinmails.analytics.api;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.analytics.CampaignRecipients;
import com.penguinmails.analytics.RecipientEvent;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.Tenancy;

@RestController
@Tag(name = "Campaigns", description = "Sequences sent from a pool of mailboxes, on a schedule")
@SecurityRequirement(name = "apiKey")
class RecipientsApi {

	private final CampaignRecipients recipients;

	private final Tenancy tenancy;

	RecipientsApi(CampaignRecipients recipients, Tenancy tenancy) {
		this.recipients = recipients;
		this.tenancy = tenancy;
	}

	@GetMapping(path = "/api/v1/campaigns/{id}/people", produces = { "application/json", "text/csv" })
	@Operation(summary = "Who did what: the people of the campaign who were contacted, delivered, opened, clicked, "
			+ "replied, were interested, bounced, unsubscribed or complained, each with their first such event "
			+ "(step, when, and a detail: bounce reason, clicked URL), in time order, a page at a time; "
			+ "all of them as CSV with format=csv or Accept: text/csv")
	@ApiResponse(responseCode = "200", description = "A page of people, or every one as CSV",
			content = {
					@Content(mediaType = "application/json",
							schema = @Schema(implementation = CampaignRecipients.Page.class)),
					@Content(mediaType = "text/csv", schema = @Schema(type = "string")) })
	CampaignRecipients.Page list(@PathVariable UUID id,
			@Parameter(description = "contacted, delivered, opened, clicked, replied, interested, bounced, "
					+ "unsubscribed or complained") @RequestParam(defaultValue = "contacted") String event,
			@Parameter(description = "opens and clicks: leave out machines' (mail proxies, scanners)") @RequestParam(
					defaultValue = "false") boolean human,
			@RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "" + CampaignRecipients.DEFAULT_LIMIT) int limit,
			@Parameter(description = "csv for every person as CSV") @RequestParam(required = false) String format,
			@RequestHeader(name = "Accept", required = false) String accept, HttpServletResponse response)
			throws IOException {
		RecipientEvent what = RecipientEvent.parse(event);
		if (format != null && !format.equals("csv") && !format.equals("json")) {
			throw new InvalidInputProblem("invalid-format", "format is json or csv");
		}
		Tenant tenant = tenancy.current();
		boolean csv = "csv".equals(format) || (format == null && accept != null && accept.contains("text/csv")
				&& !accept.contains("application/json"));
		if (!csv) {
			return recipients.page(tenant, id, what, human, cursor, limit);
		}
		// Checked before the first byte: a campaign of another workspace is a 404
		// problem.
		recipients.page(tenant, id, what, human, null, 1);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition",
				"attachment; filename=\"campaign-" + id + "-" + what.value() + ".csv\"");
		Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		recipients.writeCsv(tenant, id, what, human, out);
		return null;
	}

}
