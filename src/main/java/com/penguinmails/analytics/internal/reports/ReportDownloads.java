package com.penguinmails.analytics.internal.reports;

import java.time.ZoneId;
import java.util.Locale;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.penguinmails.analytics.AnalyticsFilter;
import com.penguinmails.analytics.AnalyticsFilters;
import com.penguinmails.analytics.ReportFiles;
import com.penguinmails.analytics.ReportFormat;
import com.penguinmails.analytics.ReportTable;
import com.penguinmails.analytics.ReportView;
import com.penguinmails.analytics.WorkspaceAnalytics;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenant;

/**
 * A view of the caller's workspace as a file download, for the analytics page and the
 * API: the view, format and filter are checked and the table built before the first byte
 * (so bad input is a 400 problem, a missing role a 403), then the file streams from
 * another thread ({@link StreamingResponseBody}) as its rows come, in constant memory.
 * The response is an attachment (RFC 6266) named by {@link ReportFiles#fileName} and is
 * not cached.
 */
@Component
public class ReportDownloads {

	private final WorkspaceAnalytics analytics;

	private final AnalyticsFilters filters;

	private final ReportFiles files;

	ReportDownloads(WorkspaceAnalytics analytics, AnalyticsFilters filters, ReportFiles files) {
		this.analytics = analytics;
		this.filters = filters;
		this.files = files;
	}

	/**
	 * The download of {@code view} in {@code format} over the filter {@code params}
	 * describe (read by {@link AnalyticsFilters}, as on the page and in the API), in the
	 * workspace's time zone.
	 * @param view a {@link ReportView} value, e.g. {@code overview}
	 * @param format a {@link ReportFormat} value: {@code csv}, {@code xlsx} or
	 * {@code pdf}
	 * @throws InvalidInputProblem for an unknown view or format or a bad filter
	 */
	public ResponseEntity<StreamingResponseBody> download(Tenant tenant, String view, String format,
			AnalyticsFilters.Params params) {
		WorkspaceAnalytics.requireReader(tenant);
		ReportView what = ReportView.of(view == null ? "" : view.trim())
			.orElseThrow(
					() -> new InvalidInputProblem("unknown-view",
							"There is no view '" + view + "'; the views are " + String.join(", ",
									java.util.Arrays.stream(ReportView.values()).map(ReportView::value).toList())
									+ "."));
		ReportFormat as = ReportFormat.of(format == null ? "" : format.trim())
			.orElseThrow(() -> new InvalidInputProblem("unknown-format",
					"There is no format '" + format + "'; the formats are csv, xlsx and pdf."));
		ZoneId zone = analytics.zone(tenant.workspaceId());
		AnalyticsFilter filter = filters.read(params, zone);
		ReportTable table;
		try {
			table = analytics.table(tenant.workspaceId(), what, filter);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("invalid-filter", ex.getMessage());
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(as.mediaType()))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(ReportFiles.fileName(what, filter, as).toLowerCase(Locale.ROOT))
						.build()
						.toString())
			.cacheControl(CacheControl.noStore())
			.body(out -> files.write(table, as, zone, out));
	}

}
