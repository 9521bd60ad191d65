package com.penguinmails.analytics;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import com.penguinmails.analytics.ReportTable.Column;
import com.penguinmails.analytics.ReportTable.Kind;
import com.penguinmails.analytics.internal.reports.PdfReport;
import com.penguinmails.analytics.internal.reports.XlsxReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report files read back by other libraries: the Excel workbook by Apache POI's
 * XSSFWorkbook cell by cell, the PDF's text and images by PDFBox, the CSV as text.
 */
class ReportFilesTests {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private static final String SUBTITLE = "1 Nov 2026 – 30 Nov 2026 (Europe/Paris) · campaign Q4 outreach";

	private static final List<Column> COLUMNS = List.of(new Column("Day", Kind.DATE),
			new Column("Last reply", Kind.DATE_TIME), new Column("Campaign", Kind.TEXT), new Column("Sent", Kind.COUNT),
			new Column("Reply rate", Kind.PERCENT), new Column("Revenue", Kind.MONEY));

	private final ReportFiles files = new ReportFiles();

	@Test
	void excelHasTitleSubtitleAndABoldFrozenHeader() throws IOException {
		try (XSSFWorkbook workbook = xlsx(table(sample(), null))) {
			assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
			XSSFSheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getSheetName()).isEqualTo("Overview");
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Overview");
			assertThat(workbook.getFontAt(sheet.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo(SUBTITLE);
			Row header = sheet.getRow(2);
			assertThat(texts(header)).containsExactly("Day", "Last reply", "Campaign", "Sent", "Reply rate", "Revenue");
			for (Cell cell : header) {
				assertThat(workbook.getFontAt(cell.getCellStyle().getFontIndex()).getBold()).isTrue();
			}
			PaneInformation pane = sheet.getPaneInformation();
			assertThat(pane.isFreezePane()).isTrue();
			assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 3);
			assertThat(pane.getVerticalSplitPosition()).isEqualTo((short) 0);
			assertThat(sheet.getLastRowNum()).isEqualTo(2 + sample().size());
		}
	}

	@Test
	void excelCellsAreTypedAndFormatted() throws IOException {
		try (XSSFWorkbook workbook = xlsx(table(sample(), null))) {
			Row row = workbook.getSheetAt(0).getRow(3);
			DataFormatter shown = new DataFormatter(java.util.Locale.ROOT);

			XSSFCell day = (XSSFCell) row.getCell(0);
			assertThat(day.getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(DateUtil.isCellDateFormatted(day)).isTrue();
			assertThat(day.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 11, 1, 0, 0));
			assertThat(day.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");

			// 08:30 UTC is 09:30 in Paris in November (CET, UTC+1).
			XSSFCell last = (XSSFCell) row.getCell(1);
			assertThat(DateUtil.isCellDateFormatted(last)).isTrue();
			assertThat(last.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 11, 1, 9, 30));
			assertThat(shown.formatCellValue(last)).isEqualTo("2026-11-01 09:30");

			assertThat(row.getCell(2).getCellType()).isEqualTo(CellType.STRING);
			assertThat(row.getCell(2).getStringCellValue()).isEqualTo("Q4 outreach");

			XSSFCell sent = (XSSFCell) row.getCell(3);
			assertThat(sent.getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(sent.getNumericCellValue()).isEqualTo(12_345d);
			assertThat(shown.formatCellValue(sent)).isEqualTo("12,345");

			XSSFCell rate = (XSSFCell) row.getCell(4);
			assertThat(rate.getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(rate.getNumericCellValue()).isEqualTo(0.125);
			assertThat(rate.getCellStyle().getDataFormatString()).isEqualTo("0.0%");
			assertThat(shown.formatCellValue(rate)).isEqualTo("12.5%");

			XSSFCell revenue = (XSSFCell) row.getCell(5);
			assertThat(revenue.getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(revenue.getNumericCellValue()).isEqualTo(1234.5);
			assertThat(revenue.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
			assertThat(shown.formatCellValue(revenue)).isEqualTo("1,234.50");
		}
	}

	@Test
	void excelKeepsFormulaLookingTextAsTextAndEmptyCellsEmpty() throws IOException {
		try (XSSFWorkbook workbook = xlsx(table(sample(), null))) {
			Row row = workbook.getSheetAt(0).getRow(4);
			Cell campaign = row.getCell(2);
			assertThat(campaign.getCellType()).isEqualTo(CellType.STRING);
			assertThat(campaign.getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil.example\",\"x\")");
			assertThat(row.getCell(1)).isNull();
			assertThat(row.getCell(5)).isNull();
			Row third = workbook.getSheetAt(0).getRow(5);
			assertThat(third.getCell(2).getCellType()).isEqualTo(CellType.STRING);
			assertThat(third.getCell(2).getStringCellValue()).isEqualTo("+33 1 23 45 67 89");
		}
	}

	@Test
	void excelColumnsAreWideEnoughForTheirValues() throws IOException {
		try (XSSFWorkbook workbook = xlsx(table(sample(), null))) {
			XSSFSheet sheet = workbook.getSheetAt(0);
			// 1/256 of a character: the DATE_TIME column fits "2026-11-01 09:30", the
			// campaign column its longest name (39 characters), capped at 60.
			assertThat(sheet.getColumnWidth(1)).isGreaterThanOrEqualTo(16 * 256);
			assertThat(sheet.getColumnWidth(2)).isGreaterThanOrEqualTo(39 * 256).isLessThanOrEqualTo(62 * 256);
			assertThat(sheet.getColumnWidth(4)).isGreaterThanOrEqualTo("Reply rate".length() * 256);
		}
	}

	@Test
	void excelContinuesOnAnotherSheetPastTheLastRowWithTheSameHeader() throws IOException {
		List<List<?>> rows = new ArrayList<>();
		for (int i = 1; i <= 7; i++) {
			rows.add(Arrays.asList(LocalDate.of(2026, 11, i), null, "c" + i, (long) i, null, null));
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		XlsxReport.write(table(rows, null), PARIS, out, 3);
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
			assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
			assertThat(workbook.getSheetName(1)).isEqualTo("Overview (2)");
			XSSFSheet second = workbook.getSheetAt(1);
			assertThat(texts(second.getRow(2))).startsWith("Day", "Last reply", "Campaign");
			assertThat(second.getRow(3).getCell(2).getStringCellValue()).isEqualTo("c4");
			assertThat(second.getPaneInformation().isFreezePane()).isTrue();
			XSSFSheet third = workbook.getSheetAt(2);
			assertThat(third.getLastRowNum()).isEqualTo(3);
			assertThat(third.getRow(3).getCell(2).getStringCellValue()).isEqualTo("c7");
		}
		// A full sheet: 1,048,576 rows less title, subtitle and header.
		assertThat(XlsxReport.fullSheet()).isEqualTo(1_048_573);
	}

	@Test
	void aRateOfNothingIsAnEmptyCellInEveryFormat() throws IOException {
		List<List<?>> rows = List.of(Arrays.asList(LocalDate.of(2026, 11, 1), null, "none sent", 0L, Double.NaN, null));
		try (XSSFWorkbook workbook = xlsx(table(rows, null))) {
			Cell rate = workbook.getSheetAt(0).getRow(3).getCell(4);
			assertThat(rate == null || rate.getCellType() == CellType.BLANK).isTrue();
		}
		ByteArrayOutputStream csv = new ByteArrayOutputStream();
		files.write(table(rows, null), ReportFormat.CSV, PARIS, csv);
		assertThat(csv.toString(StandardCharsets.UTF_8)).contains("2026-11-01,,none sent,0,,\n");
		try (PDDocument pdf = pdf(table(rows, null))) {
			assertThat(new PDFTextStripper().getText(pdf)).doesNotContain("NaN");
		}
	}

	@Test
	void excelSheetNamesStayDistinctWhenTheTitleIsLong() throws IOException {
		List<List<?>> rows = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			rows.add(Arrays.asList(LocalDate.of(2026, 11, i), null, "c" + i, (long) i, null, null));
		}
		ReportTable table = new ReportTable("Steps and A/B variants of every campaign this year", SUBTITLE, COLUMNS,
				ReportTable.Rows.of(rows), null);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		XlsxReport.write(table, PARIS, out, 2);
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
			assertThat(workbook.getSheetName(0)).isEqualTo("Steps and A B variants of every");
			assertThat(workbook.getSheetName(1)).isEqualTo("Steps and A B variants of e (2)");
		}
	}

	@Test
	void excelLeavesNoTemporaryFilesBehind() throws IOException {
		// SXSSF keeps the rows past its window in poifiles/ under java.io.tmpdir.
		Path poi = Path.of(System.getProperty("java.io.tmpdir"), "poifiles");
		long before = sheetFiles(poi);
		xlsx(table(days(1_000), null)).close();
		assertThat(sheetFiles(poi)).isEqualTo(before);
	}

	private static long sheetFiles(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) {
			return 0;
		}
		try (var files = Files.list(dir)) {
			return files.filter(file -> file.getFileName().toString().contains("sxssf")).count();
		}
	}

	@Test
	void pdfHasTitleSubtitleHeaderRowsAndTheChartImage() throws IOException {
		try (PDDocument pdf = pdf(table(sample(), chart()))) {
			String text = new PDFTextStripper().getText(pdf);
			assertThat(text).contains("Overview", SUBTITLE);
			assertThat(text).contains("Day", "Last reply", "Campaign", "Sent", "Reply rate", "Revenue");
			assertThat(text).contains("2026-11-01", "2026-11-01 09:30", "Q4 outreach", "12,345", "12.5%", "1,234.50");
			assertThat(text).contains("=HYPERLINK(\"http://evil.exa");
			assertThat(text).doesNotContain("rest are in the CSV");
			assertThat(images(pdf.getPage(0))).hasSize(1);
			PDImageXObject image = images(pdf.getPage(0)).get(0);
			assertThat(image.getWidth()).isGreaterThan(500);
			// For a person to look at: the first page as the reader sees it.
			Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
			ImageIO.write(new PDFRenderer(pdf).renderImageWithDPI(0, 96), "png",
					screenshots.resolve("report-overview-pdf.png").toFile());
		}
	}

	@Test
	void pdfFitsAWideTableOnALandscapePage() throws IOException {
		List<Column> columns = new ArrayList<>(List.of(new Column("Day", Kind.DATE)));
		List<Object> row = new ArrayList<>(List.of(LocalDate.of(2026, 11, 1)));
		for (int i = 1; i <= 10; i++) {
			columns.add(new Column("People counted " + i, Kind.COUNT));
			row.add(1_234_567L * i);
		}
		for (int i = 1; i <= 6; i++) {
			columns.add(new Column("Interested rate (people) " + i, Kind.PERCENT));
			row.add(0.123 * i);
		}
		ReportTable wide = new ReportTable("Day by day", SUBTITLE, columns, ReportTable.Rows.of(List.of(row, row)),
				chart());
		try (PDDocument pdf = pdf(wide)) {
			// Landscape: A4 turned a quarter (OpenPDF writes the portrait box and /Rotate
			// 90).
			PDPage page = pdf.getPage(0);
			boolean turned = page.getRotation() % 180 != 0;
			float width = turned ? page.getMediaBox().getHeight() : page.getMediaBox().getWidth();
			float height = turned ? page.getMediaBox().getWidth() : page.getMediaBox().getHeight();
			assertThat(width).isGreaterThan(height);
			String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
			assertThat(text).contains("12,345,670", "73.8%");
			Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
			ImageIO.write(new PDFRenderer(pdf).renderImageWithDPI(0, 96), "png",
					screenshots.resolve("report-wide-pdf.png").toFile());
		}
	}

	@Test
	void pdfWithoutAChartHasNoImage() throws IOException {
		try (PDDocument pdf = pdf(table(sample(), null))) {
			assertThat(images(pdf.getPage(0))).isEmpty();
			assertThat(new PDFTextStripper().getText(pdf)).contains("Q4 outreach");
		}
	}

	@Test
	void pdfOfAnEmptyTableShowsItsHeaderAndSaysItIsEmpty() throws IOException {
		try (PDDocument pdf = pdf(table(List.of(), null))) {
			String text = new PDFTextStripper().getText(pdf);
			assertThat(text).contains("Overview", "Last reply", "Reply rate", "Nothing for this period and filter.");
		}
	}

	@Test
	void pdfRepeatsTheHeaderOnEveryPage() throws IOException {
		try (PDDocument pdf = pdf(table(days(400), chart()))) {
			assertThat(pdf.getNumberOfPages()).isGreaterThan(3);
			PDFTextStripper stripper = new PDFTextStripper();
			for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
				stripper.setStartPage(page);
				stripper.setEndPage(page);
				String text = stripper.getText(pdf);
				assertThat(text).as("page %d", page).contains("Last reply", "Reply rate", "Page " + page);
			}
			stripper.setStartPage(pdf.getNumberOfPages());
			assertThat(stripper.getText(pdf)).contains("campaign 400");
		}
	}

	@Test
	void pdfShowsTheFirstRowsAndSaysTheRestAreInTheExports() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		PdfReport.write(table(days(30), null), PARIS, out, 10);
		try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
			String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
			assertThat(text).contains("campaign 10 ").doesNotContain("campaign 11 ");
			assertThat(text)
				.contains("This PDF shows the first 10 of 30 rows; the rest are in the CSV and Excel exports.");
		}
		assertThat(PdfReport.MAX_ROWS).isEqualTo(5_000);
	}

	@Test
	void pdfKeepsNonLatinNames() throws IOException {
		List<List<?>> rows = List.of(Arrays.asList(LocalDate.of(2026, 11, 1), null, "Кампания Ω Ł", 3L, 0.5, null));
		try (PDDocument pdf = pdf(table(rows, null))) {
			assertThat(new PDFTextStripper().getText(pdf)).contains("Кампания Ω Ł");
		}
	}

	@Test
	void csvQuotesFormulaLookingCellsAndWritesPercentsAsText() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		files.write(table(sample(), chart()), ReportFormat.CSV, PARIS, out);
		String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
		assertThat(lines[0]).isEqualTo("Day,Last reply,Campaign,Sent,Reply rate,Revenue");
		assertThat(lines[1]).isEqualTo("2026-11-01,2026-11-01 09:30,Q4 outreach,12345,12.5%,1234.50");
		assertThat(lines[2]).isEqualTo("2026-11-02,,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",7,0.0%,");
		assertThat(lines[3]).startsWith("2026-11-03,,'+33 1 23 45 67 89,");
	}

	@Test
	void everyFormatWritesThroughReportFilesAndNamesTheFile() throws IOException {
		for (ReportFormat format : ReportFormat.values()) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			files.write(table(sample(), chart()), format, PARIS, out);
			assertThat(out.size()).as(format.label()).isGreaterThan(100);
		}
		AnalyticsFilter november = AnalyticsFilter.lastDays(30, LocalDate.of(2026, 11, 30), PARIS);
		assertThat(ReportFiles.fileName(ReportView.OVERVIEW, november, ReportFormat.XLSX))
			.isEqualTo("overview-2026-11-01-2026-11-30.xlsx");
	}

	private XSSFWorkbook xlsx(ReportTable table) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		files.write(table, ReportFormat.XLSX, PARIS, out);
		return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
	}

	private PDDocument pdf(ReportTable table) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		files.write(table, ReportFormat.PDF, PARIS, out);
		return Loader.loadPDF(out.toByteArray());
	}

	private static List<PDImageXObject> images(PDPage page) throws IOException {
		List<PDImageXObject> images = new ArrayList<>();
		for (COSName name : page.getResources().getXObjectNames()) {
			if (page.getResources().getXObject(name) instanceof PDImageXObject image) {
				images.add(image);
			}
		}
		return images;
	}

	private static List<String> texts(Row row) {
		List<String> texts = new ArrayList<>();
		row.forEach(cell -> texts.add(cell.getStringCellValue()));
		return texts;
	}

	private static ReportTable table(List<? extends List<?>> rows, ReportChart chart) {
		return new ReportTable("Overview", SUBTITLE, COLUMNS, ReportTable.Rows.of(rows), chart);
	}

	private static List<List<?>> sample() {
		return List.of(
				Arrays.asList(LocalDate.of(2026, 11, 1), Instant.parse("2026-11-01T08:30:00Z"), "Q4 outreach", 12_345L,
						0.125, new BigDecimal("1234.5")),
				Arrays.asList(LocalDate.of(2026, 11, 2), null, "=HYPERLINK(\"http://evil.example\",\"x\")", 7L, 0.0,
						null),
				Arrays.asList(LocalDate.of(2026, 11, 3), null, "+33 1 23 45 67 89", 0L, null, new BigDecimal("0.00")),
				Arrays.asList(LocalDate.of(2026, 11, 4), null, "A campaign with a rather long name here", 1L, 1.0,
						new BigDecimal("-20.10")));
	}

	private static List<List<?>> days(int count) {
		List<List<?>> rows = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			rows.add(Arrays.asList(LocalDate.of(2026, 1, 1).plusDays(i), Instant.parse("2026-01-01T10:00:00Z"),
					"campaign " + i, (long) i * 10, i / 1000.0, BigDecimal.valueOf(i)));
		}
		return rows;
	}

	private static ReportChart chart() {
		return new ReportChart("Sent and replied per day", ReportChart.Type.LINE,
				List.of("1 Nov", "2 Nov", "3 Nov", "4 Nov"),
				List.of(new ReportChart.Series("Sent", List.of(12_345L, 7L, 0L, 1L)),
						new ReportChart.Series("Replied", List.of(1_500L, 0L, 0L, 1L))));
	}

}
