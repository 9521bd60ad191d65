package com.penguinmails.analytics;

import java.util.List;
import java.util.function.Consumer;

/**
 * A view as a table, for CSV, Excel and PDF: a title, a subtitle saying the period and
 * the filters in words, typed columns, rows handed one at a time (a large table streams
 * from the database and is never held in memory), and an optional chart.
 *
 * @param title the view's title, e.g. {@code "Overview"}
 * @param subtitle the period and filters in words, e.g.
 * {@code "1 Nov 2026 – 30 Nov 2026 (Europe/Paris) · campaign Q4 outreach"}
 * @param columns the columns, in order
 * @param rows the rows: each row has one value per column, of the column's kind
 * @param chart a chart of the same figures for the PDF, or null
 */
public record ReportTable(String title, String subtitle, List<Column> columns, Rows rows, ReportChart chart) {

	/**
	 * A column and the kind of its values.
	 *
	 * @param name the header, in words
	 */
	public record Column(String name, Kind kind) {
	}

	/** What a column's values are (null is an empty cell in every kind). */
	public enum Kind {

		/** A {@code String}. */
		TEXT,
		/** A {@code Long}. */
		COUNT,
		/** A {@code Double} fraction, 0.125 for 12.5 %. */
		PERCENT,
		/** A {@code java.time.LocalDate}. */
		DATE,
		/** A {@code java.time.Instant}, shown in the report's time zone. */
		DATE_TIME,
		/** A {@code java.math.BigDecimal} amount in the workspace's currency. */
		MONEY

	}

	/**
	 * The rows of a table, handed one at a time to {@code sink} in order; may be read
	 * once only.
	 */
	@FunctionalInterface
	public interface Rows {

		void forEach(Consumer<List<?>> sink);

		/** Rows already in memory. */
		static Rows of(List<? extends List<?>> rows) {
			return sink -> rows.forEach(sink);
		}

	}

}
