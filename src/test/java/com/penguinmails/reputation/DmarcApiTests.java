package com.penguinmails.reputation;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.reputation.internal.timeline.DailyFigure;
import com.penguinmails.reputation.internal.timeline.DailySource;
import com.penguinmails.reputation.internal.timeline.Subject;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DMARC API: upload (multipart and a raw body), the file log with duplicates and
 * malformed files, a domain's figures equal to direct counts, the timeline's DMARC
 * figures, scopes, workspace isolation and 4xx problems for bad input.
 */
@IntegrationTest
class DmarcApiTests {

	static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

	@Autowired
	Fixtures fixtures;

	@Autowired
	Domains domains;

	@Autowired
	List<DailySource> sources;

	@Autowired
	DmarcReports reports;

	@org.springframework.boot.test.web.server.LocalServerPort
	int port;

	record Setup(Fixtures.Account account, UUID domainId, String domain, Api api) {
	}

	Setup setup(String name) {
		Fixtures.Account account = fixtures.verifiedAccount(name);
		String domain = name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		UUID domainId = domains.add(account.owner(), new NewDomain(domain, false, "", "ip4:192.0.2.0/24")).id();
		return new Setup(account, domainId, domain, fixtures.api(account, "reputation:read", "reputation:write"));
	}

	static MockMultipartFile file(String name, byte[] bytes) {
		return new MockMultipartFile("files", name, "application/octet-stream", bytes);
	}

	static String report(String org, String id, String domain, LocalDate day) {
		return DmarcTestReports.xml(org, id, domain, "none", day,
				DmarcTestReports.Row.of("192.0.2.10", 90, "pass", "pass"),
				DmarcTestReports.Row.of("192.0.2.11", 10, "fail", "fail"),
				DmarcTestReports.Row.of("203.0.113.5", 7, "fail", "fail"));
	}

	Api.Response upload(Api api, MockMultipartFile... files) throws Exception {
		var request = MockMvcRequestBuilders.multipart("/api/v1/reputation/dmarc/files");
		for (MockMultipartFile file : files) {
			request.file(file);
		}
		return api.send(request);
	}

	@Test
	void uploadsStoreReportsOnceAndLogDuplicatesAndMalformedFiles() throws Exception {
		Setup s = setup("dmarc-api-upload");
		String google = report("google.com", "g-1", s.domain(), TODAY.minusDays(1));

		Api.Response first = upload(s.api(), file("google.xml", google.getBytes(StandardCharsets.UTF_8)),
				file("outlook.xml.gz", DmarcTestReports.gzip(report("Outlook.com", "o-1", s.domain(), TODAY))),
				file("again.xml.gz", DmarcTestReports.gzip(google)),
				file("broken.xml", "<feedback><report_metadata>".getBytes(StandardCharsets.UTF_8)));
		JsonNode files = s.api().get("/api/v1/reputation/dmarc/files").body().get("data");

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.body().get("stored").asInt()).isEqualTo(2);
		assertThat(first.body().get("duplicates").asInt()).isEqualTo(1);
		assertThat(first.body().get("malformed").asInt()).isEqualTo(1);
		assertThat(files).hasSize(4);
		JsonNode broken = find(files, "broken.xml");
		assertThat(broken.get("status").asText()).isEqualTo("malformed");
		assertThat(broken.get("reason").asText()).isNotBlank();
		assertThat(find(files, "again.xml.gz").get("status").asText()).isEqualTo("duplicate");
		assertThat(fixtures.jdbc()
			.sql("SELECT sum(message_count) FROM dmarc_rows WHERE workspace_id = ?")
			.param(s.account().workspaceId())
			.query(Long.class)
			.single()).isEqualTo(214);
	}

	@Test
	void aZipOfSeveralReportsLogsEachEntry() throws Exception {
		Setup s = setup("dmarc-api-zip");
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
			for (String id : List.of("y-1", "y-2")) {
				zip.putNextEntry(new java.util.zip.ZipEntry("yahoo!" + s.domain() + "!" + id + ".xml"));
				zip.write(report("Yahoo", id, s.domain(), TODAY).getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}

		Api.Response done = upload(s.api(), file("yahoo.zip", bytes.toByteArray()));

		assertThat(done.body().get("stored").asInt()).isEqualTo(2);
		assertThat(s.api().get("/api/v1/reputation/dmarc/files").body().get("data"))
			.extracting(n -> n.get("reportId").asText())
			.containsExactlyInAnyOrder("y-1", "y-2");
	}

	@Test
	void aRawBodyUploadIsReadLikeAFile() throws Exception {
		Setup s = setup("dmarc-api-body");

		Api.Response done = s.api()
			.send(MockMvcRequestBuilders.post("/api/v1/reputation/dmarc/files")
				.param("name", "mailru.xml.gz")
				.contentType("application/gzip")
				.content(DmarcTestReports.gzip(report("Mail.Ru", "m-1", s.domain(), TODAY))));

		assertThat(done.status()).isEqualTo(200);
		assertThat(done.body().get("stored").asInt()).isEqualTo(1);
		assertThat(s.api().get("/api/v1/reputation/dmarc/files").body().get("data").get(0).get("name").asText())
			.isEqualTo("mailru.xml.gz");
	}

	@Test
	void aDomainsFiguresEqualDirectCounts() throws Exception {
		Setup s = setup("dmarc-api-domain");
		upload(s.api(), file("a.xml", report("google.com", "g-1", s.domain(), TODAY.minusDays(2)).getBytes()),
				file("b.xml", report("google.com", "g-2", s.domain(), TODAY.minusDays(40)).getBytes()));

		JsonNode view = s.api().get("/api/v1/reputation/dmarc/domains/" + s.domainId()).body();
		JsonNode list = s.api().get("/api/v1/reputation/dmarc/domains").body();

		long direct30 = count(s, 30, false);
		long passed30 = count(s, 30, true);
		assertThat(view.get("passRates").get(1).get("messages").asLong()).isEqualTo(direct30).isEqualTo(107);
		assertThat(view.get("passRates").get(1).get("passed").asLong()).isEqualTo(passed30).isEqualTo(90);
		assertThat(view.get("passRates").get(2).get("messages").asLong()).isEqualTo(count(s, 90, false));
		assertThat(view.get("policy").asText()).isEqualTo("none");
		assertThat(view.get("groups").get(0).get("kind").asText()).isEqualTo("ours");
		assertThat(view.get("groups").get(0).get("messages").asLong()).isEqualTo(100);
		assertThat(view.get("groups").get(2).get("sources").get(0).get("ip").asText()).isEqualTo("203.0.113.5");
		assertThat(view.get("fixes").get(0).get("ip").asText()).isEqualTo("192.0.2.11");
		assertThat(view.get("recommendation").get("step").asText()).isEqualTo("wait");
		assertThat(view.get("recommendation").get("evidence").get("daysOfData").asInt()).isEqualTo(1);
		assertThat(find(list, s.domain()).get("domainId").asText()).isEqualTo(s.domainId().toString());
		assertThat(find(list, s.domain()).get("messages").asLong()).isEqualTo(direct30);
	}

	@Test
	void theTimelineReadsTheDmarcFiguresPerDay() throws Exception {
		Setup s = setup("dmarc-api-daily");
		upload(s.api(), file("a.xml", report("google.com", "g-1", s.domain(), TODAY.minusDays(1)).getBytes()));

		List<DailyFigure> figures = sources.stream()
			.flatMap(source -> source
				.daily(s.account().workspaceId(), Subject.domain(s.domain()), TODAY.minusDays(7), TODAY)
				.stream())
			.filter(f -> f.name().startsWith("dmarc_"))
			.toList();
		List<DailyFigure> ip = sources.stream()
			.flatMap(source -> source
				.daily(s.account().workspaceId(), Subject.ip("192.0.2.11"), TODAY.minusDays(7), TODAY)
				.stream())
			.filter(f -> f.name().startsWith("dmarc_"))
			.toList();

		assertThat(figures).extracting(DailyFigure::day, DailyFigure::name, DailyFigure::value)
			.containsExactlyInAnyOrder(
					org.assertj.core.groups.Tuple.tuple(TODAY.minusDays(1), DailyFigure.DMARC_MESSAGES, 107.0),
					org.assertj.core.groups.Tuple.tuple(TODAY.minusDays(1), DailyFigure.DMARC_PASS_RATE, 90.0 / 107));
		assertThat(ip).extracting(DailyFigure::name, DailyFigure::value)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(DailyFigure.DMARC_MESSAGES, 10.0),
					org.assertj.core.groups.Tuple.tuple(DailyFigure.DMARC_PASS_RATE, 0.0));
		// Only our sources (the domain's SPF ip4:192.0.2.0/24) are the workspace's
		// sending
		// IPs; 203.0.113.5 (someone else) stays on the domain's DMARC page.
		assertThat(sources.stream().flatMap(source -> source.subjects(s.account().workspaceId()).stream()))
			.contains(Subject.domain(s.domain()), Subject.ip("192.0.2.10"), Subject.ip("192.0.2.11"))
			.doesNotContain(Subject.ip("203.0.113.5"));
	}

	@Test
	void badInputIsA4xxProblemAndOtherWorkspacesSeeNothing() throws Exception {
		Setup s = setup("dmarc-api-bad");
		upload(s.api(), file("a.xml", report("google.com", "g-1", s.domain(), TODAY).getBytes()));
		Setup other = setup("dmarc-api-other");

		Api.Response none = upload(s.api());
		Api.Response badId = s.api().get("/api/v1/reputation/dmarc/domains/not-a-uuid");
		Api.Response otherDomain = s.api().get("/api/v1/reputation/dmarc/domains/" + other.domainId());
		Api.Response noMailbox = s.api().put("/api/v1/reputation/dmarc/places/" + UUID.randomUUID(), "{}");
		Api.Response noScope = fixtures.api(s.account(), "domains:read").get("/api/v1/reputation/dmarc/files");
		Api.Response readOnly = upload(fixtures.api(s.account(), "reputation:read"), file("a.xml", "<x/>".getBytes()));

		assertThat(none.status()).isEqualTo(400);
		assertThat(none.raw().getContentType()).contains("application/problem+json");
		assertThat(badId.status()).isEqualTo(400);
		assertThat(otherDomain.status()).isEqualTo(404);
		assertThat(noMailbox.status()).isEqualTo(404);
		assertThat(noScope.status()).isEqualTo(403);
		assertThat(readOnly.status()).isEqualTo(403);
		assertThat(other.api().get("/api/v1/reputation/dmarc/files").body().get("data")).isEmpty();
		assertThat(s.api().get("/api/v1/reputation/dmarc/files?cursor=nonsense").status()).isEqualTo(400);
		assertThat(s.api().get("/api/v1/reputation/dmarc/files?limit=0").status()).isEqualTo(400);
		assertThat(s.api().get("/api/v1/reputation/dmarc/files?limit=201").status()).isEqualTo(400);
		assertThat(other.api().get("/api/v1/reputation/dmarc/domains").body()).hasSize(1);
	}

	@Test
	void thePagesSayWhatIsWrongAndNeverFail() throws Exception {
		Setup s = setup("dmarc-pages");
		com.penguinmails.support.WebSession session = fixtures.signedIn(s.account());

		var noFile = session.perform(MockMvcRequestBuilders.multipart("/reputation/dmarc/upload")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()));
		var noMailbox = session.post("/reputation/dmarc/places", "folder", "DMARC");
		var otherMailbox = session.post("/reputation/dmarc/places", "mailboxId", UUID.randomUUID().toString());
		var badId = session.get("/reputation/dmarc/not-a-uuid");
		var unknown = session.get("/reputation/dmarc/" + UUID.randomUUID());
		var page = session.get("/reputation/dmarc/" + s.domainId());

		assertThat(noFile.getFlashMap().get("error")).asString().contains("Choose one or more DMARC report files");
		assertThat(noMailbox.getFlashMap().get("error")).isEqualTo("Choose a mailbox.");
		assertThat(otherMailbox.getFlashMap().get("error")).asString().isNotBlank();
		assertThat(badId.getResponse().getStatus()).isEqualTo(400);
		assertThat(unknown.getResponse().getStatus()).isEqualTo(404);
		assertThat(page.getResponse().getStatus()).isEqualTo(200);
		assertThat(page.getResponse().getContentAsString()).contains("No reports yet: publish a DMARC record");
	}

	@Test
	void theFileLogIsPagedNewestFirstWithACursor() throws Exception {
		Setup s = setup("dmarc-api-pages");
		List<DmarcReports.UploadedFile> files = new java.util.ArrayList<>();
		for (int i = 0; i < 25; i++) {
			files.add(new DmarcReports.UploadedFile("r-" + i + ".xml",
					report("google.com", "p-" + i, s.domain(), TODAY).getBytes(StandardCharsets.UTF_8)));
		}
		reports.upload(s.account().owner(), files);

		JsonNode first = s.api().get("/api/v1/reputation/dmarc/files").body();
		JsonNode second = s.api()
			.get("/api/v1/reputation/dmarc/files?limit=20&cursor=" + first.get("nextCursor").asText())
			.body();

		assertThat(first.get("data")).hasSize(20);
		assertThat(second.get("data")).hasSize(5);
		assertThat(second.get("nextCursor")).isNull();
		java.util.Set<String> ids = new java.util.HashSet<>();
		first.get("data").forEach(f -> ids.add(f.get("id").asText()));
		second.get("data").forEach(f -> ids.add(f.get("id").asText()));
		assertThat(ids).hasSize(25);
		assertThat(reports.fileCount(s.account().owner())).isEqualTo(25);
	}

	@Test
	void theRecordToPublishKeepsThePublishedRuaAndTheReportAddressesAreShown() throws Exception {
		Setup s = setup("dmarc-api-record");
		// The domain's last DNS check (as domains stores it) found this DMARC record.
		fixtures.jdbc()
			.sql("UPDATE domains SET last_results = ?::jsonb WHERE id = ?")
			.params("[{\"purpose\": \"dmarc\", \"type\": \"TXT\", \"host\": \"_dmarc." + s.domain()
					+ "\", \"expected\": \"v=DMARC1; p=none\", \"status\": \"ok\", \"observed\": "
					+ "[\"v=DMARC1; p=none; rua=mailto:agg@" + s.domain() + "; adkim=s\"], \"hints\": []}]",
					s.domainId())
			.update();
		List<DmarcReports.UploadedFile> files = new java.util.ArrayList<>();
		for (int d = 0; d < 15; d++) {
			files.add(new DmarcReports.UploadedFile("d-" + d + ".xml",
					DmarcTestReports
						.xml("google.com", "d-" + d, s.domain(), "none", TODAY.minusDays(d),
								DmarcTestReports.Row.of("192.0.2.10", 20, "pass", "pass"))
						.getBytes(StandardCharsets.UTF_8)));
		}
		reports.upload(s.account().owner(), files);

		JsonNode view = s.api().get("/api/v1/reputation/dmarc/domains/" + s.domainId()).body();
		JsonNode addresses = s.api().get("/api/v1/reputation/dmarc/report-addresses").body();

		assertThat(view.get("recommendation").get("step").asText()).isEqualTo("move");
		assertThat(view.get("record").get("host").asText()).isEqualTo("_dmarc." + s.domain());
		assertThat(view.get("record").get("toPublish").asText())
			.isEqualTo("v=DMARC1; p=quarantine; rua=mailto:agg@" + s.domain() + "; adkim=s");
		assertThat(find(addresses, s.domain()).get("rua").get(0).asText()).isEqualTo("agg@" + s.domain());
		assertThat(find(addresses, s.domain()).get("readHere").asBoolean()).isFalse();
	}

	@Test
	void aMonthOfFilesUploadsAndTooManyFilesIsA413ProblemGivingTheLimit() throws Exception {
		Setup s = setup("dmarc-api-limits");
		String key = fixtures.apiKey(s.account(), "reputation:read", "reputation:write");

		java.net.http.HttpResponse<String> sixty = post("/api/v1/reputation/dmarc/files", key, 60, s.domain());
		java.net.http.HttpResponse<String> tooMany = post("/api/v1/reputation/dmarc/files", key, 520, s.domain());
		java.net.http.HttpResponse<String> page = post("/reputation/dmarc/upload", null, 520, s.domain());

		assertThat(sixty.statusCode()).isEqualTo(200);
		assertThat(sixty.body()).contains("\"stored\":60");
		assertThat(tooMany.statusCode()).isEqualTo(413);
		assertThat(tooMany.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tooMany.body());
		assertThat(problem.get("type").asText()).endsWith("/too-many-files");
		assertThat(problem.get("maxFiles").asInt()).isEqualTo(DmarcReports.MAX_FILES).isEqualTo(500);
		assertThat(problem.get("detail").asText()).contains("at most 500 report files").doesNotContain("size");
		// A page request goes back to the page (which shows the message), never a JSON
		// page.
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).endsWith("/reputation/dmarc"));
	}

	@Test
	void aLargeReportFileUploadsAndOneOverTheFileLimitIsA413ProblemGivingIt() throws Exception {
		Setup s = setup("dmarc-api-large");
		String key = fixtures.apiKey(s.account(), "reputation:read", "reputation:write");
		String report = report("large.example", "big-1", s.domain(), TODAY);
		// A big reporter's file: 2 MB (the XML padded with a comment), read whole.
		String twoMegabytes = report.replaceFirst("<feedback>", "<feedback><!-- " + "x".repeat(2 << 20) + " -->");

		java.net.http.HttpResponse<String> large = post("/api/v1/reputation/dmarc/files", key,
				List.of(twoMegabytes.getBytes(StandardCharsets.UTF_8)));
		java.net.http.HttpResponse<String> tooLarge = post("/api/v1/reputation/dmarc/files", key,
				List.of(new byte[11 << 20]));

		assertThat(large.statusCode()).isEqualTo(200);
		assertThat(large.body()).contains("\"stored\":1");
		assertThat(tooLarge.statusCode()).isEqualTo(413);
		JsonNode problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tooLarge.body());
		assertThat(problem.get("type").asText()).endsWith("/upload-too-large");
		assertThat(problem.get("maxFileBytes").asLong()).isEqualTo(10L << 20);
		assertThat(problem.get("detail").asText()).contains("at most 10 MB");
	}

	/** A real multipart POST to the running server with {@code count} report files. */
	private java.net.http.HttpResponse<String> post(String path, String key, int count, String domain)
			throws Exception {
		List<byte[]> files = new java.util.ArrayList<>();
		for (int i = 0; i < count; i++) {
			files.add(report("limits.example", "l-" + i, domain, TODAY).getBytes(StandardCharsets.UTF_8));
		}
		return post(path, key, files);
	}

	/** A real multipart POST to the running server with these report files. */
	private java.net.http.HttpResponse<String> post(String path, String key, List<byte[]> files) throws Exception {
		String boundary = "dmarc-" + UUID.randomUUID();
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		for (int i = 0; i < files.size(); i++) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"r-" + i
					+ ".xml\"\r\nContent-Type: application/xml\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			body.writeBytes(files.get(i));
			body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		return java.net.http.HttpClient.newHttpClient()
			.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
	}

	private long count(Setup s, int days, boolean passed) {
		return fixtures.jdbc()
			.sql("SELECT coalesce(sum(message_count), 0) FROM dmarc_rows WHERE workspace_id = ? AND policy_domain = ?"
					+ " AND day >= ? AND (passed OR NOT ?)")
			.params(s.account().workspaceId(), s.domain(), java.sql.Date.valueOf(TODAY.minusDays(days - 1)), passed)
			.query(Long.class)
			.single();
	}

	private static JsonNode find(JsonNode array, String nameOrDomain) {
		for (JsonNode node : array) {
			if (nameOrDomain.equals(node.path("name").asText()) || nameOrDomain.equals(node.path("domain").asText())) {
				return node;
			}
		}
		throw new AssertionError(nameOrDomain + " not in " + array);
	}

}
