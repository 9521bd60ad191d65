package com.penguinmails.analytics;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenApiContract;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports over HTTP: the API's {@code /api/v1/analytics/{view}/export} and the analytics
 * page's {@code /analytics/export} stream CSV, Excel and PDF files that parse, named as
 * attachments; bad views, formats and filters are 400 problems before any byte; readers
 * only.
 */
@IntegrationTest
class ReportExportsTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	Account owner;

	OpenApiContract contract;

	/**
	 * A key with analytics:read whose every call is checked against the OpenAPI document.
	 */
	Api api;

	@BeforeEach
	void aWorkspaceWithAnAnalyticsKey() throws Exception {
		owner = fixtures.verifiedAccount("exports");
		contract = OpenApiContract.served(mvc);
		api = fixtures.api(owner, "analytics:read").checkedBy(contract);
	}

	@AfterEach
	void everyCallMatchedTheDocument() {
		assertThat(contract.violations()).isEmpty();
	}

	@Test
	void theApiStreamsTheOverviewAsExcelNamedAsAnAttachment() throws Exception {
		Api.Response response = api.get("/api/v1/analytics/overview/export", "format", "xlsx", "from", "2026-11-01",
				"to", "2026-11-30");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type"))
			.startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		assertThat(response.header("Content-Disposition"))
			.isEqualTo("attachment; filename=\"overview-2026-11-01-2026-11-30.xlsx\"");
		assertThat(response.header("Cache-Control")).contains("no-store");
		try (XSSFWorkbook workbook = new XSSFWorkbook(
				new ByteArrayInputStream(response.raw().getContentAsByteArray()))) {
			XSSFSheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo(ReportView.OVERVIEW.title());
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).startsWith("1 Nov 2026 – 30 Nov 2026");
			assertThat(sheet.getRow(2).getLastCellNum()).isGreaterThan((short) 1);
			assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
		}
	}

	@Test
	void theApiStreamsEveryViewAsCsvAndPdf() throws Exception {
		for (ReportView view : ReportView.values()) {
			Api.Response csv = api.get("/api/v1/analytics/" + view.value() + "/export", "format", "csv", "from",
					"2026-11-01", "to", "2026-11-07");
			assertThat(csv.status()).as(view.value()).isEqualTo(200);
			assertThat(csv.header("Content-Type")).startsWith("text/csv");
			assertThat(csv.header("Content-Disposition")).contains(view.value() + "-2026-11-01-2026-11-07.csv");
			assertThat(csv.raw().getContentAsString(StandardCharsets.UTF_8)).as(view.value()).isNotBlank();

			Api.Response pdf = api.get("/api/v1/analytics/" + view.value() + "/export", "format", "pdf", "from",
					"2026-11-01", "to", "2026-11-07");
			assertThat(pdf.status()).as(view.value()).isEqualTo(200);
			assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
			try (PDDocument document = Loader.loadPDF(pdf.raw().getContentAsByteArray())) {
				String text = new PDFTextStripper().getText(document);
				assertThat(text).as(view.value()).contains(view.title(), "1 Nov 2026 – 7 Nov 2026");
			}
		}
	}

	@Test
	void unknownViewsFormatsAndFiltersAreProblemsBeforeAnyByte() throws Exception {
		assertProblem(api.get("/api/v1/analytics/nope/export"), 400, "unknown-view");
		assertProblem(api.get("/api/v1/analytics/overview/export", "format", "docx"), 400, "unknown-format");
		assertProblem(api.get("/api/v1/analytics/overview/export", "from", "2026-13-01"), 400, "invalid-from");
		assertProblem(api.get("/api/v1/analytics/overview/export", "from", "2026-11-10", "to", "2026-11-01"), 400,
				"invalid-period");
		assertProblem(api.get("/api/v1/analytics/overview/export", "campaign", "not-an-id"), 400, "invalid-campaign");
		assertProblem(api.get("/api/v1/analytics/overview/export", "provider", "hotmail"), 400, "invalid-provider");
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
			.get("/analytics/export?view=daily&format=xlsx&from=2026-11-01&to=2026-11-03")
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader("Content-Disposition")).contains("daily-2026-11-01-2026-11-03.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.getContentAsByteArray()))) {
			assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue())
				.isEqualTo(ReportView.DAILY.title());
		}
	}

	private static void assertProblem(Api.Response response, int status, String type) {
		assertThat(response.status()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.body().path("type").asText()).endsWith("/problems/" + type);
	}

}
