package com.penguinmails.analytics;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.analytics.internal.rollup.RollupStore;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenApiContract;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports over HTTP of a generated month of activity: the API's
 * {@code /api/v1/analytics/{view}/export} and the analytics page's
 * {@code /analytics/export} stream CSV, Excel and PDF files that parse, hold the same
 * figures as the API's views and are named as attachments; bad views, formats and filters
 * are 400 problems before any byte; readers only.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportExportsTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Campaigns campaigns;

	@Autowired
	RollupStore rollups;

	@Autowired
	WorkspaceAnalytics analytics;

	Account owner;

	/**
	 * The 60 days up to today in the workspace's zone; the activity began 40 days ago.
	 */
	LocalDate from;

	LocalDate to;

	OpenApiContract contract;

	/**
	 * A key with analytics:read whose every call is checked against the OpenAPI document.
	 */
	Api api;

	@BeforeAll
	void aMonthOfActivity() {
		owner = fixtures.verifiedAccount("exports");
		RollupFixture.seed(fixtures.jdbc(), mailboxes, campaigns, owner, "exports", 120,
				Instant.now().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.DAYS));
		rollups.markAll(owner.workspaceId());
		rollups.refreshAll();
		to = LocalDate.now(analytics.zone(owner.workspaceId()));
		from = to.minusDays(59);
	}

	@BeforeEach
	void aCheckedKey() throws Exception {
		contract = OpenApiContract.served(mvc);
		api = fixtures.api(owner, "analytics:read").checkedBy(contract);
	}

	@AfterEach
	void everyCallMatchedTheDocument() {
		assertThat(contract.violations()).isEmpty();
	}

	@Test
	void theOverviewInExcelHasTheApisFiguresCellByCell() throws Exception {
		Api.Response response = api.get("/api/v1/analytics/overview/export", "format", "xlsx", "from", from.toString(),
				"to", to.toString());
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type"))
			.startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		assertThat(response.header("Content-Disposition"))
			.isEqualTo("attachment; filename=\"overview-" + from + "-" + to + ".xlsx\"");
		assertThat(response.header("Cache-Control")).contains("no-store");
		JsonNode totals = api.get("/api/v1/analytics/overview", "from", from.toString(), "to", to.toString())
			.body()
			.get("totals");
		try (XSSFWorkbook workbook = new XSSFWorkbook(
				new ByteArrayInputStream(response.raw().getContentAsByteArray()))) {
			XSSFSheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Overview");
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue())
				.isEqualTo(analytics.subtitle(owner.workspaceId(), filter()));
			Row header = sheet.getRow(2);
			assertThat(header.getCell(0).getStringCellValue()).isEqualTo("Period");
			assertThat(header.getCell(1).getStringCellValue()).isEqualTo("Sent");
			assertThat(header.getCell(15).getStringCellValue()).isEqualTo("Reply rate (people)");
			Row period = sheet.getRow(3);
			assertThat(period.getCell(0).getStringCellValue()).isEqualTo("This period");
			String[] counts = { "sent", "delivered", "bounced", "peopleContacted", "peopleOpened", "peopleClicked",
					"peopleReplied" };
			for (int i = 0; i < counts.length; i++) {
				Cell cell = period.getCell(1 + i);
				assertThat(cell.getCellType()).as(counts[i]).isEqualTo(CellType.NUMERIC);
				assertThat((long) cell.getNumericCellValue()).as(counts[i]).isEqualTo(totals.get(counts[i]).asLong());
			}
			assertThat(totals.get("sent").asLong()).isPositive();
			Cell replyRate = period.getCell(15);
			assertThat(replyRate.getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(replyRate.getCellStyle().getDataFormatString()).isEqualTo("0.0%");
			assertThat(replyRate.getNumericCellValue()).isCloseTo(totals.get("replyRate").asDouble(),
					org.assertj.core.data.Offset.offset(1e-9));
			assertThat(sheet.getRow(4).getCell(0).getStringCellValue()).isEqualTo("Previous period");
			assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
		}
	}

	@Test
	void everyViewComesAsCsvAndPdf() throws Exception {
		for (ReportView view : ReportView.values()) {
			Api.Response csv = api.get("/api/v1/analytics/" + view.value() + "/export", "format", "csv", "from",
					from.toString(), "to", to.toString());
			assertThat(csv.status()).as(view.value()).isEqualTo(200);
			assertThat(csv.header("Content-Type")).startsWith("text/csv");
			assertThat(csv.header("Content-Disposition")).contains(view.value() + "-" + from + "-" + to + ".csv");
			String[] lines = csv.raw().getContentAsString(StandardCharsets.UTF_8).split("\n");
			// Recommendations may rightly be none for a small month: then the header
			// alone.
			assertThat(lines.length).as(view.value())
				.isGreaterThanOrEqualTo(view == ReportView.RECOMMENDATIONS ? 1 : 2);

			Api.Response pdf = api.get("/api/v1/analytics/" + view.value() + "/export", "format", "pdf", "from",
					from.toString(), "to", to.toString());
			assertThat(pdf.status()).as(view.value()).isEqualTo(200);
			assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
			try (PDDocument document = Loader.loadPDF(pdf.raw().getContentAsByteArray())) {
				String text = new PDFTextStripper().getText(document);
				assertThat(text).as(view.value())
					.contains(view.title(), analytics.subtitle(owner.workspaceId(), filter()));
				// The CSV's header cells are the PDF table's header (its words, maybe
				// wrapped).
				for (String column : lines[0].split(",")) {
					assertThat(text.replaceAll("\\s+", " ")).as(view.value()).contains(column.split(" ")[0]);
				}
				if (lines.length == 1) {
					assertThat(text).as(view.value()).contains("Nothing for this period and filter.");
				}
				// A chart when the view has one (not the heatmap nor the variants'
				// table).
				boolean charted = analytics.table(owner.workspaceId(), view, filter()).chart() != null;
				assertThat(images(document.getPage(0))).as(view.value() + " chart").hasSize(charted ? 1 : 0);
				if (view == ReportView.DAILY || view == ReportView.FUNNEL) {
					assertThat(charted).isTrue();
				}
				// For a person to look at: each view's first page.
				java.nio.file.Path screenshots = java.nio.file.Files
					.createDirectories(java.nio.file.Path.of("target", "screenshots"));
				javax.imageio.ImageIO.write(
						new org.apache.pdfbox.rendering.PDFRenderer(document).renderImageWithDPI(0, 96), "png",
						screenshots.resolve("export-" + view.value() + "-pdf.png").toFile());
			}
		}
	}

	@Test
	void theFunnelCsvHasTheApisStages() throws Exception {
		Api.Response csv = api.get("/api/v1/analytics/funnel/export", "from", from.toString(), "to", to.toString());
		JsonNode stages = api.get("/api/v1/analytics/funnel", "from", from.toString(), "to", to.toString())
			.body()
			.get("data");
		String[] lines = csv.raw().getContentAsString(StandardCharsets.UTF_8).split("\n");
		assertThat(lines[0]).isEqualTo("Stage,People,Of people contacted,Of the stage before");
		assertThat(lines).hasSize(stages.size() + 1);
		for (int i = 0; i < stages.size(); i++) {
			assertThat(lines[i + 1])
				.startsWith(stages.get(i).get("name").asText() + "," + stages.get(i).get("people").asLong() + ",");
			assertThat(lines[i + 1]).matches(".*,\\d+\\.\\d%,(\\d+\\.\\d%)?$");
		}
	}

	@Test
	void unknownViewsFormatsAndFiltersAreProblemsBeforeAnyByte() throws Exception {
		assertProblem(api.get("/api/v1/analytics/nope/export"), 400, "unknown-view");
		assertProblem(api.get("/api/v1/analytics/overview/export", "format", "docx"), 400, "unknown-format");
		assertProblem(api.get("/api/v1/analytics/overview/export", "from", "2026-13-01"), 400, "invalid-from");
		assertProblem(api.get("/api/v1/analytics/overview/export", "from", "2026-11-10", "to", "2026-11-01"), 400,
				"invalid-period");
		assertProblem(api.get("/api/v1/analytics/overview/export", "provider", "hotmail"), 400, "invalid-provider");
		// Not through the contract check: its validator cannot read a non-id in an
		// array parameter.
		assertProblem(
				fixtures.api(owner, "analytics:read").get("/api/v1/analytics/overview/export", "campaign", "not-an-id"),
				400, "invalid-campaign");
	}

	@Test
	void aKeyWithoutTheAnalyticsScopeIsRefused() throws Exception {
		Api contactsOnly = fixtures.api(owner, "contacts:read");
		assertProblem(contactsOnly.get("/api/v1/analytics/overview/export", "format", "csv"), 403, "forbidden");
	}

	@Test
	void thePageDownloadsTheViewWithThePagesFilters() throws Exception {
		WebSession session = fixtures.signedIn(owner);
		MockHttpServletResponse response = session
			.get("/analytics/export?view=daily&format=xlsx&from=" + from + "&to=" + to)
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader("Content-Disposition")).contains("daily-" + from + "-" + to + ".xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.getContentAsByteArray()))) {
			XSSFSheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo(ReportView.DAILY.title());
			// One row a day, each a real date.
			assertThat(sheet.getLastRowNum()).isEqualTo(2 + 60);
			assertThat(sheet.getRow(3).getCell(0).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(from);
			assertThat(sheet.getRow(62).getCell(0).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(to);
		}
		MockHttpServletResponse bad = session.get("/analytics/export?view=nope&format=pdf").getResponse();
		assertThat(bad.getStatus()).isEqualTo(400);
	}

	private AnalyticsFilter filter() {
		return new AnalyticsFilter(from, to, analytics.zone(owner.workspaceId()), null, null, null, null, null, null,
				null, null);
	}

	private static List<PDImageXObject> images(PDPage page) throws java.io.IOException {
		List<PDImageXObject> images = new ArrayList<>();
		for (COSName name : page.getResources().getXObjectNames()) {
			if (page.getResources().getXObject(name) instanceof PDImageXObject image) {
				images.add(image);
			}
		}
		return images;
	}

	private static void assertProblem(Api.Response response, int status, String type) {
		assertThat(response.status()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.body().path("type").asText()).endsWith("/problems/" + type);
	}

}
