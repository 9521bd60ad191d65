package com.penguinmails.shared;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams an uploaded CSV row by row (Commons CSV): an optional header row (recognised by
 * one of its expected first-column names), quoted fields that span lines, blank and
 * {@code #} lines skipped, and each row's line number in the file for error reports. A
 * leading UTF-8 byte order mark is ignored.
 */
public final class CsvRows {

	/**
	 * One data row; {@code get} reads by header name or, without a header, by position.
	 */
	public record Row(long line, CSVRecord record, Map<String, Integer> header) {

		public String get(int position, String... names) {
			if (header == null) {
				return position >= 0 && position < record.size() ? record.get(position) : null;
			}
			for (String name : names) {
				Integer index = header.get(name);
				if (index != null && index < record.size()) {
					return record.get(index);
				}
			}
			return null;
		}

		public String get(String... names) {
			return get(-1, names);
		}

	}

	public interface RowHandler {

		/** Handles a row; returning false stops reading. */
		boolean handle(Row row);

	}

	private CsvRows() {
	}

	/**
	 * One CSV line (RFC 4180 quoting, LF-terminated) of cells made safe for spreadsheets
	 * with {@link #cell}; {@code null} is an empty cell.
	 */
	public static String line(Object... cells) {
		StringBuilder out = new StringBuilder();
		try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
			for (Object cell : cells) {
				printer.print(cell(cell == null ? "" : cell.toString()));
			}
			printer.println();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	/**
	 * A cell a spreadsheet will not run as a formula (OWASP "CSV Injection"): a value
	 * starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage
	 * return gets a leading single quote, so Excel, LibreOffice and Google Sheets show it
	 * as text. Every CSV the application writes goes through this.
	 */
	public static String cell(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		char first = value.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
				? "'" + value : value;
	}

	/**
	 * Imports an upload row by row, each row on its own, and returns one result per row
	 * in file order: at most {@code maxRows} rows are read (the next one fails the upload
	 * with 400 {@code too-many-rows} and {@code tooMany} as its detail, nothing after it
	 * read); a file unreadable part-way keeps the results before it and ends with
	 * {@code unreadable.apply(line, reason)} for the line after the last good row.
	 * @param <R> the import's per-row result
	 * @param lineOf the line in the file of a result
	 */
	public static <R> List<R> importRows(Reader csv, Set<String> headerFirstColumns, int maxRows, String tooMany,
			Function<Row, R> importRow, ToLongFunction<R> lineOf, BiFunction<Long, String, R> unreadable) {
		List<R> rows = new ArrayList<>();
		try {
			read(csv, headerFirstColumns, row -> {
				if (rows.size() >= maxRows) {
					throw new InvalidInputProblem("too-many-rows", tooMany);
				}
				rows.add(importRow.apply(row));
				return true;
			});
		}
		catch (InvalidInputProblem problem) {
			if (!"unreadable-csv".equals(problem.type())) {
				throw problem;
			}
			rows.add(unreadable.apply(rows.isEmpty() ? 1 : lineOf.applyAsLong(rows.get(rows.size() - 1)) + 1,
					problem.getMessage()));
		}
		return rows;
	}

	/**
	 * Reads every row. A file that cannot be parsed further (an unterminated quote) fails
	 * with a {@link Problem} naming the line, after the rows before it were handled.
	 */
	public static void read(Reader csv, Set<String> headerFirstColumns, RowHandler handler) {
		long line = 1;
		try (CSVParser parser = CSVFormat.DEFAULT.builder()
			.setTrim(true)
			.setIgnoreEmptyLines(true)
			.setCommentMarker('#')
			.get()
			.parse(csv)) {
			Map<String, Integer> header = null;
			for (CSVRecord record : parser) {
				String first = record.get(0).replace("\uFEFF", "").toLowerCase(Locale.ROOT);
				if (header == null && record.getRecordNumber() == 1 && headerFirstColumns.contains(first)) {
					header = new HashMap<>();
					for (int i = 0; i < record.size(); i++) {
						header.put(record.get(i).replace("\uFEFF", "").toLowerCase(Locale.ROOT).replace(' ', '_'), i);
					}
					continue;
				}
				// The parser's line when the record ends: a quoted field may span lines.
				line = parser.getCurrentLineNumber();
				if (!handler.handle(new Row(line, record, header))) {
					return;
				}
			}
		}
		catch (IOException | UncheckedIOException | IllegalStateException ex) {
			throw new InvalidInputProblem("unreadable-csv",
					"The file could not be read after line " + line + ": " + ex.getMessage());
		}
	}

}
