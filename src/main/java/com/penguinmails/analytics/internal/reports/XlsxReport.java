package com.penguinmails.analytics.internal.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.apache.commons.io.output.CloseShieldOutputStream;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFCell;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import com.penguinmails.analytics.ReportTable;

/**
 * Writes a {@link ReportTable} as an Office Open XML workbook (ECMA-376, .xlsx) with
 * Apache POI's streaming SXSSF: only the last {@value #WINDOW} rows are in memory, older
 * ones go to a compressed temporary file that is deleted when the workbook is written.
 * <p>
 * Each sheet has the title (row 1), the subtitle (row 2), a bold frozen header (row 3)
 * and the rows under it. Cells are typed: counts, percentages ({@code 0.0%}) and amounts
 * ({@code #,##0.00}) are numbers, dates and times are real dates shown in the report's
 * time zone, text is a string cell (never a formula, whatever it starts with). A table
 * longer than a sheet ({@value #SHEET_ROWS} rows in all) continues on another sheet with
 * the same header.
 */
public final class XlsxReport {

	/** Rows kept in memory while streaming. */
	static final int WINDOW = 200;

	/** Rows in a sheet of Excel 2007 and later (ECMA-376), header rows included. */
	static final int SHEET_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();

	/** Rows above the data: title, subtitle, header. */
	static final int HEADER_ROWS = 3;

	/** Excel's longest text in a cell. */
	private static final int MAX_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

	/** Excel's longest sheet name. */
	private static final int MAX_SHEET_NAME = 31;

	/** Column widths are measured in characters and capped at this many. */
	private static final int MAX_WIDTH = 60;

	private XlsxReport() {
	}

	/**
	 * Writes {@code table} to {@code out}, which is flushed, not closed.
	 * @param zone the time zone DATE_TIME cells are shown in (a spreadsheet has none)
	 * @param rowsPerSheet data rows per sheet before the next one begins (the most a
	 * sheet holds, or fewer in tests)
	 */
	public static void write(ReportTable table, ZoneId zone, OutputStream out, int rowsPerSheet) {
		if (rowsPerSheet < 1 || rowsPerSheet > SHEET_ROWS - HEADER_ROWS) {
			throw new IllegalArgumentException("rowsPerSheet is 1 to " + (SHEET_ROWS - HEADER_ROWS));
		}
		SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
		workbook.setCompressTempFiles(true);
		try {
			new Writer(workbook, table, zone, rowsPerSheet).write();
			// POI writes the zip and finishes it; the caller's stream stays open.
			workbook.write(CloseShieldOutputStream.wrap(out));
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			workbook.dispose();
			try {
				workbook.close();
			}
			catch (IOException ex) {
				// The temporary files are gone (dispose); nothing else to release.
			}
		}
	}

	/** Data rows per sheet when a sheet is filled to the brim. */
	public static int fullSheet() {
		return SHEET_ROWS - HEADER_ROWS;
	}

	private static final class Writer {

		private final SXSSFWorkbook workbook;

		private final ReportTable table;

		private final ZoneId zone;

		private final int rowsPerSheet;

		private final List<ReportTable.Column> columns;

		private final CellStyle title;

		private final CellStyle subtitle;

		private final CellStyle header;

		private final CellStyle[] styles;

		/** Widest value seen per column, in characters. */
		private final int[] widths;

		private SXSSFSheet sheet;

		private int sheets;

		private int next;

		Writer(SXSSFWorkbook workbook, ReportTable table, ZoneId zone, int rowsPerSheet) {
			this.workbook = workbook;
			this.table = table;
			this.zone = zone;
			this.rowsPerSheet = rowsPerSheet;
			this.columns = table.columns();
			DataFormat formats = workbook.createDataFormat();
			this.title = textStyle(true, (short) 14, IndexedColors.BLACK);
			this.subtitle = textStyle(false, (short) 10, IndexedColors.GREY_50_PERCENT);
			this.header = textStyle(true, (short) 11, IndexedColors.BLACK);
			this.header.setBorderBottom(BorderStyle.THIN);
			this.header.setWrapText(true);
			this.styles = new CellStyle[columns.size()];
			this.widths = new int[columns.size()];
			for (int i = 0; i < styles.length; i++) {
				ReportTable.Kind kind = columns.get(i).kind();
				CellStyle style = workbook.createCellStyle();
				style.setDataFormat(formats.getFormat(format(kind)));
				styles[i] = style;
				widths[i] = Math.max(columns.get(i).name().length(), minimumWidth(kind));
			}
		}

		void write() {
			newSheet();
			table.rows().forEach(row -> {
				if (next - HEADER_ROWS == rowsPerSheet) {
					finishSheet();
					newSheet();
				}
				Row cells = sheet.createRow(next++);
				for (int i = 0; i < styles.length; i++) {
					Object value = i < row.size() ? row.get(i) : null;
					if (value != null) {
						cell(cells, i, value);
					}
				}
			});
			finishSheet();
		}

		private void cell(Row row, int column, Object value) {
			SXSSFCell cell = (SXSSFCell) row.createCell(column);
			cell.setCellStyle(styles[column]);
			switch (columns.get(column).kind()) {
				case COUNT, PERCENT -> {
					double number = ((Number) value).doubleValue();
					// A rate of nothing (0 / 0) is an empty cell, not Excel's #NUM!.
					if (Double.isFinite(number)) {
						cell.setCellValue(number);
					}
				}
				case MONEY -> cell.setCellValue(((BigDecimal) value).doubleValue());
				case DATE -> cell.setCellValue((LocalDate) value);
				case DATE_TIME -> cell.setCellValue(LocalDateTime.ofInstant((Instant) value, zone));
				case TEXT -> {
					// A string cell: Excel shows "=1+1" as those characters, never
					// evaluates it (only formula cells are evaluated).
					String text = value.toString();
					text = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
					cell.setCellValue(text);
					widths[column] = Math.max(widths[column], Math.min(text.length(), MAX_WIDTH));
				}
			}
		}

		private void newSheet() {
			sheets++;
			// A sheet's name is at most 31 characters: the title is cut so that the
			// number of a further sheet stays and names stay distinct.
			String suffix = sheets == 1 ? "" : " (" + sheets + ")";
			String base = WorkbookUtil.createSafeSheetName(table.title());
			sheet = workbook
				.createSheet(base.substring(0, Math.min(base.length(), MAX_SHEET_NAME - suffix.length())) + suffix);
			next = 0;
			text(sheet.createRow(next++), table.title(), title);
			text(sheet.createRow(next++), table.subtitle(), subtitle);
			Row names = sheet.createRow(next++);
			for (int i = 0; i < columns.size(); i++) {
				text(names, i, columns.get(i).name(), header);
			}
			sheet.createFreezePane(0, HEADER_ROWS);
		}

		/**
		 * Column widths from the widest value seen: the sheet's column definitions are
		 * written with the workbook, after every row (auto-size would need the rows in
		 * memory).
		 */
		private void finishSheet() {
			for (int i = 0; i < widths.length; i++) {
				// Width in 1/256 of a character, with room for padding.
				sheet.setColumnWidth(i, Math.min(widths[i] + 2, MAX_WIDTH) * 256);
			}
		}

		private static void text(Row row, String value, CellStyle style) {
			text(row, 0, value, style);
		}

		private static void text(Row row, int column, String value, CellStyle style) {
			var cell = row.createCell(column);
			cell.setCellValue(value == null ? "" : value);
			cell.setCellStyle(style);
		}

		private CellStyle textStyle(boolean bold, short points, IndexedColors color) {
			Font font = workbook.createFont();
			font.setBold(bold);
			font.setFontHeightInPoints(points);
			font.setColor(color.getIndex());
			CellStyle style = workbook.createCellStyle();
			style.setFont(font);
			return style;
		}

		private static String format(ReportTable.Kind kind) {
			return switch (kind) {
				case COUNT -> "#,##0";
				case PERCENT -> "0.0%";
				case DATE -> "yyyy-mm-dd";
				case DATE_TIME -> "yyyy-mm-dd hh:mm";
				case MONEY -> "#,##0.00";
				case TEXT -> "@";
			};
		}

		private static int minimumWidth(ReportTable.Kind kind) {
			return switch (kind) {
				case COUNT -> 10;
				case PERCENT -> 8;
				case DATE -> 10;
				case DATE_TIME -> 16;
				case MONEY -> 12;
				case TEXT -> 12;
			};
		}

	}

}
