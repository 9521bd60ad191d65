package com.penguinmails.analytics;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Service;

import com.penguinmails.analytics.internal.reports.PdfReport;
import com.penguinmails.analytics.internal.reports.XlsxReport;
import com.penguinmails.shared.CsvRows;

/**
 * Writes a {@link ReportTable} as a file: CSV (RFC 4180, UTF-8, text cells safe from
 * spreadsheet formulas), Excel (.xlsx, ECMA-376: typed cells, frozen header, a further
 * sheet past 1,048,573 rows) or PDF (title, subtitle, the chart drawn on the server, the
 * table with its header on every page, at most {@value PdfReport#MAX_ROWS} rows and a
 * line saying the rest are in the CSV and Excel exports). Every format streams: rows are
 * written as they come, so a table of a million rows takes constant memory.
 */
@Service
public class ReportFiles {

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

	/**
	 * Writes {@code table} to {@code out} in {@code format}; {@code out} is flushed, not
	 * closed.
	 * @param zone the time zone DATE_TIME cells are shown in
	 */
	public void write(ReportTable table, ReportFormat format, ZoneId zone, OutputStream out) {
		switch (format) {
			case CSV -> csv(table, zone, out);
			case XLSX -> XlsxReport.write(table, zone, out, XlsxReport.fullSheet());
			case PDF -> PdfReport.write(table, zone, out, PdfReport.MAX_ROWS);
		}
	}

	/**
	 * The file name for a table's file, e.g. {@code overview-2026-11-01-2026-11-30.csv}.
	 */
	public static String fileName(ReportView view, AnalyticsFilter filter, ReportFormat format) {
		return view.value() + "-" + filter.from() + "-" + filter.to() + "." + format.value();
	}

	private static void csv(ReportTable table, ZoneId zone, OutputStream out) {
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		try {
			writer.write(CsvRows.line(table.columns().stream().map(ReportTable.Column::name).toArray()));
			List<ReportTable.Column> columns = table.columns();
			table.rows().forEach(row -> {
				Object[] cells = new Object[columns.size()];
				for (int i = 0; i < cells.length; i++) {
					cells[i] = csvValue(columns.get(i).kind(), i < row.size() ? row.get(i) : null, zone);
				}
				try {
					writer.write(CsvRows.line(cells));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			writer.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A cell's text in a CSV file: percentages with one decimal ({@code 12.5%}), dates in
	 * ISO 8601, times in {@code zone}, amounts as plain decimals with two places.
	 */
	static String csvValue(ReportTable.Kind kind, Object value, ZoneId zone) {
		if (value == null || value instanceof Double number && !Double.isFinite(number)) {
			return "";
		}
		return switch (kind) {
			case PERCENT -> String.format(Locale.ROOT, "%.1f%%", ((Number) value).doubleValue() * 100);
			case DATE_TIME -> DATE_TIME.format(((Instant) value).atZone(zone));
			case DATE -> ((LocalDate) value).toString();
			case MONEY -> ((BigDecimal) value).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
			default -> value.toString();
		};
	}

}
