package com.penguinmails.analytics;

import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * Workspace analytics over any period and filter, read from the hourly rollups
 * ({@code analytics_hourly}): each view as a table for exports and scheduled reports.
 */
@Service
public class WorkspaceAnalytics {

	/**
	 * A view of the workspace's figures as a table (and chart) for a file.
	 * @throws IllegalArgumentException when the filter names what the workspace does not
	 * have
	 */
	public ReportTable table(UUID workspaceId, ReportView view, AnalyticsFilter filter) {
		throw new UnsupportedOperationException("not yet: " + view.value());
	}

}
