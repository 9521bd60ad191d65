package com.penguinmails.analytics;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * A workspace analytics view that can be exported or scheduled as a report: its value in
 * URLs and the API, and its title.
 */
public enum ReportView implements StoredValue {

	OVERVIEW("overview", "Overview"), DAILY("daily", "Day by day"), FUNNEL("funnel", "Funnel"),
	HEATMAP("heatmap", "Send-time heatmap"), MAILBOXES("mailboxes", "Mailboxes"), DOMAINS("domains", "Sending domains"),
	PROVIDERS("providers", "Recipient providers"), VARIANTS("variants", "Steps and A/B variants"),
	CAMPAIGNS("campaigns", "Campaigns"), COHORTS("cohorts", "Cohorts"),
	RECOMMENDATIONS("recommendations", "Recommendations");

	private final String value;

	private final String title;

	ReportView(String value, String title) {
		this.value = value;
		this.title = title;
	}

	@Override
	@JsonValue
	public String value() {
		return value;
	}

	/** The view's title on pages, in files and in report e-mails. */
	public String title() {
		return title;
	}

	/** The view whose {@link #value()} this is, case-insensitive. */
	public static java.util.Optional<ReportView> of(String value) {
		for (ReportView view : values()) {
			if (view.value.equalsIgnoreCase(value)) {
				return java.util.Optional.of(view);
			}
		}
		return java.util.Optional.empty();
	}

}
