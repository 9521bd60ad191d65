package com.penguinmails.analytics;

import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * Workspace analytics over any period and filter, read from the hourly rollups
 * ({@code analytics_hourly}): each view as a table for exports and scheduled reports.
 */
@Service
public class WorkspaceAnalytics {

	/** Checks the caller may read the workspace's analytics. */
	public static void requireReader(com.penguinmails.shared.Tenant tenant) {
		tenant.require(com.penguinmails.shared.WorkspaceRole.VIEWER, "analytics:read");
	}

	/** The workspace's time zone, in which periods are days. */
	public java.time.ZoneId zone(UUID workspaceId) {
		// Stand-in until main's rollups land (merged from main).
		return java.time.ZoneOffset.UTC;
	}

	/**
	 * A view of the workspace's figures as a table (and chart) for a file.
	 * @throws IllegalArgumentException when the filter names what the workspace does not
	 * have
	 */
	public ReportTable table(UUID workspaceId, ReportView view, AnalyticsFilter filter) {
		throw new UnsupportedOperationException("not yet: " + view.value());
	}

}
