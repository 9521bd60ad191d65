package com.penguinmails.analytics.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.penguinmails.analytics.AnalyticsFilters;
import com.penguinmails.analytics.internal.reports.ReportDownloads;
import com.penguinmails.shared.Tenancy;

@RestController
@Tag(name = "Analytics",
		description = "Workspace analytics, exports and scheduled reports over any period and filter, read from hourly rollups")
@SecurityRequirement(name = "apiKey")
class ExportsApi {

	private final ReportDownloads downloads;

	private final Tenancy tenancy;

	ExportsApi(ReportDownloads downloads, Tenancy tenancy) {
		this.downloads = downloads;
		this.tenancy = tenancy;
	}

	@GetMapping(path = "/api/v1/analytics/{view}/export",
			produces = { "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
					"application/pdf" })
	@Operation(summary = "A view of the workspace's analytics as a file, streamed: CSV (RFC 4180, UTF-8, cells "
			+ "safe from spreadsheet formulas), Excel (.xlsx: typed cells, a further sheet past 1,048,573 rows) or "
			+ "PDF (title, period and filters, the chart, at most 5,000 rows); an attachment named "
			+ "{view}-{from}-{to}.{format}")
	@ApiResponse(responseCode = "200", description = "The file",
			content = { @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
					@Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
							schema = @Schema(type = "string", format = "binary")),
					@Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")) })
	ResponseEntity<StreamingResponseBody> export(
			@Parameter(description = "overview, daily, funnel, heatmap, mailboxes, domains, providers, variants or "
					+ "campaigns") @PathVariable String view,
			@Parameter(description = "csv, xlsx or pdf") @RequestParam(defaultValue = "csv") String format,
			@ParameterObject @ModelAttribute AnalyticsFilters.Params filter) {
		return downloads.download(tenancy.current(), view, format, filter);
	}

}
