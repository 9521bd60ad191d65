package com.penguinmails.analytics.internal.reports;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import org.apache.commons.io.output.CloseShieldOutputStream;

import com.penguinmails.analytics.ReportTable;

/**
 * Writes a {@link ReportTable} as a PDF for reading (OpenPDF): the title, the subtitle,
 * the chart drawn on the server ({@link ChartImage}) when the table has one, then the
 * table with its header repeated on every page and page numbers in the footer. A PDF
 * shows at most {@code maxRows} rows and then says how many more there are and that they
 * are in the CSV and Excel exports; the table is written in chunks, so memory stays flat.
 * <p>
 * Text is set in DejaVu Sans (embedded as a subset, all European scripts) when the system
 * has it, else in Helvetica (Latin-1 only).
 */
public final class PdfReport {

	/** Rows a PDF shows by default. */
	public static final int MAX_ROWS = 5_000;

	/** Rows handed to the PDF writer at a time (then written out and dropped). */
	private static final int CHUNK = 200;

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

	private static final List<Path> UNICODE_FONTS = List.of(Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
			Path.of("/usr/share/fonts/dejavu/DejaVuSans.ttf"), Path.of("/usr/share/fonts/TTF/DejaVuSans.ttf"));

	private static final Color GREY = new Color(0x666666);

	private static final Color RULE = new Color(0xcccccc);

	private static final Color HEADER = new Color(0xeef2f7);

	private static volatile BaseFont[] fonts;

	private PdfReport() {
	}

	/**
	 * Writes {@code table} to {@code out}, which is flushed, not closed.
	 * @param zone the time zone DATE_TIME cells are shown in
	 * @param maxRows the most rows shown; later rows are only counted
	 */
	public static void write(ReportTable table, ZoneId zone, OutputStream out, int maxRows) {
		List<ReportTable.Column> columns = table.columns();
		Document document = new Document(columns.size() > 6 ? PageSize.A4.rotate() : PageSize.A4, 36, 36, 36, 48);
		BaseFont font = fonts()[0];
		BaseFont bold = fonts()[1];
		Font titleFont = new Font(bold, 16, bold == font ? Font.BOLD : Font.NORMAL);
		Font subtitleFont = new Font(font, 9, Font.NORMAL, GREY);
		float available = document.getPageSize().getWidth() - 72;
		Layout layout = Layout.of(columns, font, bold, available);
		Font headerFont = new Font(bold, layout.size(), bold == font ? Font.BOLD : Font.NORMAL);
		Font cellFont = new Font(font, layout.size(), Font.NORMAL);
		Font noteFont = new Font(font, 9, Font.ITALIC, GREY);
		try {
			PdfWriter writer = PdfWriter.getInstance(document, CloseShieldOutputStream.wrap(out));
			writer.setPageEvent(new Footer(table.title(), new Font(font, 7, Font.NORMAL, GREY)));
			document.addTitle(table.title());
			document.addSubject(table.subtitle());
			document.addCreator("PenguinMails");
			document.open();
			document.add(new Paragraph(table.title(), titleFont));
			Paragraph subtitle = new Paragraph(table.subtitle(), subtitleFont);
			subtitle.setSpacingAfter(10);
			document.add(subtitle);
			if (table.chart() != null) {
				float width = document.right() - document.left();
				int height = (int) Math.min(260, width * 0.45);
				Image chart = Image.getInstance(ChartImage.png(table.chart(), (int) width, height, 2));
				chart.scaleAbsolute(width, height);
				chart.setSpacingAfter(12);
				document.add(chart);
			}
			long shown = table(document, table, zone, maxRows, layout, headerFont, cellFont);
			if (shown > maxRows) {
				Paragraph note = new Paragraph(String.format(Locale.ROOT,
						"This PDF shows the first %,d of %,d rows; the rest are in the CSV and Excel exports.", maxRows,
						shown), noteFont);
				note.setSpacingBefore(8);
				document.add(note);
			}
			document.close();
			out.flush();
		}
		catch (DocumentException ex) {
			throw new IllegalStateException("The PDF could not be written: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			if (document.isOpen()) {
				document.close();
			}
		}
	}

	/** Adds the table in chunks; returns the number of rows the table had. */
	private static long table(Document document, ReportTable table, ZoneId zone, int maxRows, Layout layout,
			Font headerFont, Font cellFont) {
		List<ReportTable.Column> columns = table.columns();
		PdfPTable pdf = new PdfPTable(columns.size());
		pdf.setWidthPercentage(100);
		pdf.setHeaderRows(1);
		pdf.setComplete(false);
		pdf.setWidths(layout.widths());
		for (ReportTable.Column column : columns) {
			PdfPCell cell = cell(column.name(), headerFont, numeric(column.kind()), layout.padding());
			cell.setBackgroundColor(HEADER);
			pdf.addCell(cell);
		}
		long[] rows = { 0 };
		table.rows().forEach(row -> {
			if (++rows[0] > maxRows) {
				return;
			}
			for (int i = 0; i < columns.size(); i++) {
				ReportTable.Kind kind = columns.get(i).kind();
				pdf.addCell(cell(text(kind, i < row.size() ? row.get(i) : null, zone), cellFont, numeric(kind),
						layout.padding()));
			}
			if (rows[0] % CHUNK == 0) {
				// OpenPDF's LargeElement: lays out the rows so far and drops them,
				// keeping the header for the next page.
				add(document, pdf);
			}
		});
		if (rows[0] == 0) {
			// A header alone is not laid out: one row says the table is empty.
			PdfPCell none = cell("Nothing for this period and filter.", cellFont, false, layout.padding());
			none.setColspan(columns.size());
			pdf.addCell(none);
		}
		pdf.setComplete(true);
		add(document, pdf);
		return rows[0];
	}

	private static void add(Document document, PdfPTable pdf) {
		try {
			document.add(pdf);
		}
		catch (DocumentException ex) {
			throw new IllegalStateException("The PDF table could not be laid out: " + ex.getMessage(), ex);
		}
	}

	private static PdfPCell cell(String text, Font font, boolean numeric, float padding) {
		PdfPCell cell = new PdfPCell(new Phrase(text, font));
		cell.setBorder(Rectangle.BOTTOM);
		cell.setBorderColor(RULE);
		cell.setBorderWidth(0.5f);
		cell.setPadding(padding);
		cell.setHorizontalAlignment(numeric ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
		return cell;
	}

	/**
	 * How a table fits the page's width: the font size (8 pt, smaller down to 5 pt for
	 * many columns), the cell padding and each column's width in points. Every column
	 * gets at least the longest word of its header (headers wrap between words, never
	 * inside one) or a typical value; what is left goes first to headers that would wrap,
	 * then to text columns.
	 */
	record Layout(float size, float padding, float[] widths) {

		static final float LARGEST = 8;

		static final float SMALLEST = 5;

		static Layout of(List<ReportTable.Column> columns, BaseFont regular, BaseFont bold, float available) {
			int n = columns.size();
			float padding = n > 8 ? 2 : 3;
			// Widths at 1 pt, which scale with the size.
			float[] least = new float[n];
			float[] whole = new float[n];
			float sum = 0;
			for (int i = 0; i < n; i++) {
				ReportTable.Column column = columns.get(i);
				float word = 0;
				for (String part : column.name().split("\\s+")) {
					word = Math.max(word, bold.getWidthPoint(part, 1));
				}
				least[i] = Math.max(word, regular.getWidthPoint(typical(column.kind()), 1)) * 1.05f;
				whole[i] = Math.max(least[i], bold.getWidthPoint(column.name(), 1) * 1.05f);
				sum += least[i];
			}
			float room = available - 2 * padding * n;
			float size = Math.max(SMALLEST, Math.min(LARGEST, room / sum));
			float[] widths = new float[n];
			float left = available;
			for (int i = 0; i < n; i++) {
				widths[i] = least[i] * size + 2 * padding;
				left -= widths[i];
			}
			if (left > 0) {
				float wanted = 0;
				for (int i = 0; i < n; i++) {
					wanted += (whole[i] - least[i]) * size;
				}
				float share = wanted == 0 ? 0 : Math.min(1, left / wanted);
				for (int i = 0; i < n; i++) {
					float extra = (whole[i] - least[i]) * size * share;
					widths[i] += extra;
					left -= extra;
				}
			}
			if (left > 0) {
				int text = (int) columns.stream().filter(c -> c.kind() == ReportTable.Kind.TEXT).count();
				for (int i = 0; i < n; i++) {
					if (text == 0 || columns.get(i).kind() == ReportTable.Kind.TEXT) {
						widths[i] += left / (text == 0 ? n : text);
					}
				}
			}
			return new Layout(size, padding, widths);
		}

		/** A value as wide as most of a kind's values. */
		private static String typical(ReportTable.Kind kind) {
			return switch (kind) {
				case COUNT -> "12,345,678";
				case PERCENT -> "100.0%";
				case DATE -> "2026-11-30";
				case DATE_TIME -> "2026-11-30 23:59";
				case MONEY -> "123,456.78";
				case TEXT -> "A name of some length";
			};
		}

	}

	private static boolean numeric(ReportTable.Kind kind) {
		return kind == ReportTable.Kind.COUNT || kind == ReportTable.Kind.PERCENT || kind == ReportTable.Kind.MONEY;
	}

	/**
	 * A cell's text: grouped counts, one-decimal percentages, ISO dates, two-decimal
	 * amounts.
	 */
	static String text(ReportTable.Kind kind, Object value, ZoneId zone) {
		if (value == null || value instanceof Double number && !Double.isFinite(number)) {
			return "";
		}
		return switch (kind) {
			case COUNT -> new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
			case PERCENT -> String.format(Locale.ROOT, "%.1f%%", ((Number) value).doubleValue() * 100);
			case DATE -> ((LocalDate) value).toString();
			case DATE_TIME -> DATE_TIME.format(((Instant) value).atZone(zone));
			case MONEY ->
				new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format((BigDecimal) value);
			case TEXT -> value.toString();
		};
	}

	/** The regular and the bold font (the same when there is no bold face). */
	private static BaseFont[] fonts() {
		BaseFont[] loaded = fonts;
		if (loaded != null) {
			return loaded;
		}
		synchronized (PdfReport.class) {
			if (fonts == null) {
				fonts = loadFonts();
			}
			return fonts;
		}
	}

	private static BaseFont[] loadFonts() {
		try {
			for (Path path : UNICODE_FONTS) {
				if (Files.isReadable(path)) {
					// Identity-H with a subset embedded: any glyph the font has, and a
					// ToUnicode map so the text can be copied and searched.
					BaseFont regular = BaseFont.createFont(path.toString(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
					Path boldPath = path.resolveSibling("DejaVuSans-Bold.ttf");
					BaseFont bold = Files.isReadable(boldPath)
							? BaseFont.createFont(boldPath.toString(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED)
							: regular;
					return new BaseFont[] { regular, bold };
				}
			}
			return new BaseFont[] { BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED),
					BaseFont.createFont(BaseFont.HELVETICA_BOLD, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED) };
		}
		catch (IOException | DocumentException ex) {
			throw new IllegalStateException("No font for PDF reports: " + ex.getMessage(), ex);
		}
	}

	/** The report's title and the page number at the foot of every page. */
	private static final class Footer extends PdfPageEventHelper {

		private final String title;

		private final Font font;

		Footer(String title, Font font) {
			this.title = title;
			this.font = font;
		}

		@Override
		public void onEndPage(PdfWriter writer, Document document) {
			float y = document.bottom() - 20;
			ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_LEFT, new Phrase(title, font),
					document.left(), y, 0);
			ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_RIGHT,
					new Phrase("Page " + writer.getPageNumber(), font), document.right(), y, 0);
		}

	}

}
