package com.penguinmails.analytics;

import java.util.List;

/**
 * A chart of a view's figures, drawn on pages by Chart.js and in PDF reports on the
 * server.
 *
 * @param title what the chart shows, e.g. {@code "Sent and replied per day"}
 * @param type a line chart over time, or bars per category
 * @param labels the x-axis labels, one per point
 * @param series one or more series, each with one value per label
 */
public record ReportChart(String title, Type type, List<String> labels, List<Series> series) {

	/** The chart's kind. */
	public enum Type {

		LINE, BAR

	}

	/**
	 * One series: a name for the legend and its values (counts, or fractions for rates).
	 */
	public record Series(String name, List<? extends Number> values) {
	}

}
