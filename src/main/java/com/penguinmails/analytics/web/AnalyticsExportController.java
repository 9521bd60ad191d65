package com.penguinmails.analytics.web;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.penguinmails.analytics.AnalyticsFilters;
import com.penguinmails.analytics.internal.reports.ReportDownloads;
import com.penguinmails.shared.Tenancy;

/**
 * The analytics page's downloads: {@code /analytics/export?view=overview&format=xlsx}
 * with the page's own filter parameters, as CSV, Excel or PDF, streamed.
 */
@Controller
class AnalyticsExportController {

	private final ReportDownloads downloads;

	private final Tenancy tenancy;

	AnalyticsExportController(ReportDownloads downloads, Tenancy tenancy) {
		this.downloads = downloads;
		this.tenancy = tenancy;
	}

	@GetMapping("/analytics/export")
	ResponseEntity<StreamingResponseBody> export(@RequestParam(defaultValue = "overview") String view,
			@RequestParam(defaultValue = "csv") String format, @ModelAttribute AnalyticsFilters.Params filter) {
		return downloads.download(tenancy.current(), view, format, filter);
	}

}
