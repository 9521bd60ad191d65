package com.penguinmails.contacts;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

@IntegrationTest
class ContactImportTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ObjectMapper json;

	private JsonNode importAndWait(String key, byte[] csv, String... params) throws Exception {
		var request = post("/api/v1/contacts/imports").header("Authorization", "Bearer " + key)
			.contentType("text/csv")
			.content(csv);
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		MvcResult started = mvc.perform(request).andReturn();
		return ImportJobs.finished(mvc, json, key, started);
	}

	@Test
	void aNastyCsvImportsItsGoodRowsAndReportsEachBadOneByLine() throws Exception {
		Account account = fixtures.verifiedAccount("contacts");
		String key = fixtures.apiKey(account, "contacts:write");
		String csv = "\uFEFFE-mail;First Name;Company Name;Plan;Tags\n" // line 1, with
																		// BOM, semicolons
				+ "ada@analytical.test;Ada;\"Analytical; Engines\";pro;vip,uk\n" // 2
				+ "not-an-email;Bob;Nope;;\n" // 3
				+ "info@acme.test;;Acme;;\n" // 4: role address
				+ "eve@mailinator.com;Eve;\"Multi\nLine Ltd\";free;\n" // 5-6: quoted
																		// newline,
																		// disposable
				+ ";Nobody;;;\n" // 7: no email
				+ "ADA@analytical.test;Ada Augusta;;;\n"; // 8: same contact again, later
															// row wins
		JsonNode job = importAndWait(key, csv.getBytes(StandardCharsets.UTF_8), "delimiter", ";");
		assertThat(job.get("status").asText()).isEqualTo("done");
		assertThat(job.get("rowsRead").asInt()).isEqualTo(6);
		assertThat(job.get("inserted").asInt()).isEqualTo(3);
		assertThat(job.get("failed").asInt()).isEqualTo(2);
		assertThat(job.get("errors").get(0).get("line").asInt()).isEqualTo(3);
		assertThat(job.get("errors").get(0).get("reason").asText()).contains("not a valid email address");
		assertThat(job.get("errors").get(1).get("line").asInt()).isEqualTo(7);

		JsonNode list = json
			.readTree(mvc.perform(get("/api/v1/contacts?limit=10").header("Authorization", "Bearer " + key))
				.andReturn()
				.getResponse()
				.getContentAsString());
		JsonNode ada = null;
		JsonNode info = null;
		JsonNode eve = null;
		for (JsonNode c : list.get("data")) {
			switch (c.get("email").asText().toLowerCase()) {
				case "ada@analytical.test" -> ada = c;
				case "info@acme.test" -> info = c;
				case "eve@mailinator.com" -> eve = c;
				default -> {
				}
			}
		}
		assertThat(ada.get("firstName").asText()).isEqualTo("Ada Augusta");
		assertThat(ada.get("company").asText()).isEqualTo("Analytical; Engines");
		assertThat(ada.get("custom").get("plan").asText()).isEqualTo("pro");
		assertThat(ada.get("tags").toString()).contains("vip", "uk");
		assertThat(info.get("roleAddress").asBoolean()).isTrue();
		assertThat(eve.get("disposable").asBoolean()).isTrue();
		assertThat(eve.get("company").asText()).isEqualTo("Multi\nLine Ltd");

		// A second import: update mode fills new values, skip mode leaves existing
		// contacts alone.
		JsonNode updated = importAndWait(key, "email,title\nada@analytical.test,Countess\nnew@analytical.test,CTO\n"
			.getBytes(StandardCharsets.UTF_8));
		assertThat(updated.get("inserted").asInt()).isEqualTo(1);
		assertThat(updated.get("updated").asInt()).isEqualTo(1);
		JsonNode skipped = importAndWait(key,
				"email,title\nada@analytical.test,Queen\n".getBytes(StandardCharsets.UTF_8), "duplicates", "skip");
		assertThat(skipped.get("skipped").asInt()).isEqualTo(1);
		String adaId = ada.get("id").asText();
		assertThat(json
			.readTree(mvc.perform(get("/api/v1/contacts/" + adaId).header("Authorization", "Bearer " + key))
				.andReturn()
				.getResponse()
				.getContentAsString())
			.get("title")
			.asText()).isEqualTo("Countess");

		// Another workspace sees none of it.
		Account other = fixtures.verifiedAccount("contacts-other");
		String otherKey = fixtures.apiKey(other, "contacts:write");
		assertThat(mvc.perform(get("/api/v1/contacts/" + adaId).header("Authorization", "Bearer " + otherKey))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc.perform(delete("/api/v1/contacts/" + adaId).header("Authorization", "Bearer " + otherKey))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
		assertThat(mvc.perform(
				get("/api/v1/contacts/imports/" + job.get("id").asText()).header("Authorization", "Bearer " + otherKey))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
	}

	@Test
	void thePagesUploadMapAndShowTheProgressOfAnImport() throws Exception {
		Account account = fixtures.verifiedAccount("contacts-page");
		com.penguinmails.support.WebSession session = fixtures.signedIn(account);
		org.springframework.mock.web.MockMultipartFile file = new org.springframework.mock.web.MockMultipartFile("file",
				"leads.csv", "text/csv",
				"Work Email,Given Name,Seats\nkim@corp.test,Kim,12\nbroken,,\n".getBytes(StandardCharsets.UTF_8));
		String mapping = session
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.multipart("/contacts/import/upload")
				.file(file)
				.param("delimiter", ",")
				.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
					.csrf()))
			.getResponse()
			.getContentAsString();
		assertThat(mapping).contains("Map the columns")
			.contains("<option value=\"email\" selected=\"selected\">Email</option>")
			.contains("<option value=\"custom.seats\" selected=\"selected\">Seats (custom field)</option>")
			.contains(">LinkedIn URL</option>")
			.contains(">Skip this column</option>");
		String token = mapping.replaceAll("(?s).*name=\"token\" value=\"([0-9a-f-]+)\".*", "$1");
		String location = session
			.post("/contacts/import/start", "token", token, "delimiter", ",", "duplicates", "update", "map:Work Email",
					"email", "map:Given Name", "first_name", "map:Seats", "ignore")
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).startsWith("/contacts/imports/");
		await().until(() -> session.get(location + "/progress").getResponse().getContentAsString().contains("done"));
		String progress = session.get(location + "/progress").getResponse().getContentAsString();
		assertThat(progress).contains("1</span> new").contains("<td>3</td>").contains("not a valid email address");
		String list = session.get("/contacts").getResponse().getContentAsString();
		assertThat(list).contains("kim@corp.test").contains("1</span> contacts");
		// The staged file is consumed: starting again says so.
		assertThat(session.post("/contacts/import/start", "token", token).getResponse().getContentAsString())
			.contains("upload the file again");
	}

	@Test
	void aFileWithoutAnEmailColumnFailsWithAClearMessage() throws Exception {
		Account account = fixtures.verifiedAccount("contacts-noemail");
		String key = fixtures.apiKey(account, "contacts:write");
		JsonNode job = importAndWait(key, "name,company\nAda,Acme\n".getBytes(StandardCharsets.UTF_8));
		assertThat(job.get("status").asText()).isEqualTo("failed");
		assertThat(job.get("message").asText()).contains("email");
		// With an explicit mapping it works.
		JsonNode mapped = importAndWait(key, "contact,company\nada@x.test,Acme\n".getBytes(StandardCharsets.UTF_8),
				"mapping", "{\"contact\":\"email\"}");
		assertThat(mapped.get("inserted").asInt()).isEqualTo(1);
	}

	@Test
	void typedColumnsAListAndTheMxCheck() throws Exception {
		Account account = fixtures.verifiedAccount("contacts-typed");
		String key = fixtures.apiKey(account, "contacts:read", "contacts:write");
		com.penguinmails.support.Api api = fixtures.api(account, "contacts:read", "contacts:write");
		api.post("/api/v1/contacts/fields", "{\"key\":\"seats\",\"type\":\"number\"}");
		api.post("/api/v1/contacts/fields", "{\"key\":\"renewal\",\"type\":\"date\"}");
		api.post("/api/v1/contacts/fields", "{\"key\":\"paying\",\"type\":\"boolean\"}");
		String list = api.post("/api/v1/lists", "{\"name\":\"Imported\"}").body().get("id").asText();
		// Already a contact: skipped, and still added to the list.
		api.post("/api/v1/contacts", "{\"email\":\"old@mx-ok.test\"}");
		com.penguinmails.support.TestDnsServer dns = com.penguinmails.support.TestDnsServer.shared();
		dns.add("mx-ok.test. 300 IN MX 10 mail.mx-ok.test.");
		dns.add("a-only.test. 300 IN A 192.0.2.10");
		dns.add("null-mx.test. 300 IN MX 0 .");
		dns.add("no-mail.test. 300 IN TXT \"v=spf1 -all\"");
		String csv = """
				email,seats,renewal,paying,timezone
				ada@mx-ok.test,12,2027-03-01,yes,Europe/London
				bob@a-only.test,three,,,
				cat@null-mx.test,4,31/12/2026,,
				dan@no-mail.test,5,,maybe,
				eve@nowhere-at-all.test,6,,,
				fay@mx-ok.test,7,,,Mars/Olympus
				old@mx-ok.test,8,,,
				gus@a-only.test,9,2026-01-01,no,
				""";
		JsonNode job = importAndWait(key, csv.getBytes(StandardCharsets.UTF_8), "list", list, "checkMx", "true",
				"duplicates", "skip");
		assertThat(job.get("status").asText()).isEqualTo("done");
		assertThat(job.get("bytesRead").asLong()).isEqualTo(job.get("bytesTotal").asLong()).isPositive();
		// Values that do not fit their column's type are reported by line; the rest
		// import.
		assertThat(job.get("failed").asInt()).isEqualTo(4);
		assertThat(job.get("errors").toString()).contains("\"line\":3", "seats: not a number: three")
			.contains("\"line\":4", "renewal: not a date")
			.contains("\"line\":5", "paying: not true or false")
			.contains("\"line\":7", "unknown time zone");
		assertThat(job.get("inserted").asInt()).isEqualTo(3);
		assertThat(job.get("skipped").asInt()).isEqualTo(1);

		java.util.Map<String, JsonNode> byEmail = new java.util.HashMap<>();
		for (JsonNode contact : api.get("/api/v1/contacts").body().get("data")) {
			byEmail.put(contact.get("email").asText(), contact);
		}
		JsonNode ada = byEmail.get("ada@mx-ok.test");
		assertThat(ada.get("custom").get("seats").isNumber()).isTrue();
		assertThat(ada.get("custom").get("paying").asBoolean()).isTrue();
		assertThat(ada.get("custom").get("renewal").asText()).isEqualTo("2027-03-01");
		assertThat(ada.get("timeZone").asText()).isEqualTo("Europe/London");
		assertThat(ada.get("mxFound").asBoolean()).isTrue();
		assertThat(byEmail.get("gus@a-only.test").get("mxFound").asBoolean()).isTrue();
		assertThat(byEmail.get("gus@a-only.test").get("custom").get("paying").asBoolean()).isFalse();
		assertThat(byEmail.get("eve@nowhere-at-all.test").get("mxFound").asBoolean()).isFalse();
		// Skipped as existing: untouched, not checked.
		assertThat(byEmail.get("old@mx-ok.test").path("mxFound").isBoolean()).isFalse();

		JsonNode lists = api.get("/api/v1/lists").body().get("data");
		assertThat(lists.get(0).get("contacts").asInt()).isEqualTo(4);
		// A list of another workspace is refused before anything is read.
		com.penguinmails.support.Api stranger = fixtures.api(fixtures.verifiedAccount("contacts-typed-stranger"),
				"contacts:write");
		assertThat(stranger
			.send(post("/api/v1/contacts/imports").contentType("text/csv")
				.param("list", list)
				.content("email\nx@y.test\n".getBytes(StandardCharsets.UTF_8)))
			.status()).isEqualTo(404);
	}

	@Test
	void aContactRepeatedAcrossBatchesIsMergedInFileOrder() throws Exception {
		// Batches of 5,000 are merged two at a time; the later row, just across a batch
		// boundary, must still win.
		Account account = fixtures.verifiedAccount("contacts-order");
		String key = fixtures.apiKey(account, "contacts:read", "contacts:write");
		StringBuilder csv = new StringBuilder("email,title\n");
		for (int i = 0; i < 20_000; i++) {
			csv.append(i == 4_990 || i == 5_001 ? "twice@order.test" : "p" + i + "@order.test")
				.append(',')
				.append(i == 5_001 ? "Later" : "Earlier")
				.append('\n');
		}
		JsonNode job = importAndWait(key, csv.toString().getBytes(StandardCharsets.UTF_8));
		assertThat(job.get("inserted").asInt()).isEqualTo(19_999);
		assertThat(job.get("updated").asInt()).isEqualTo(1);
		assertThat(fixtures.jdbc()
			.sql("SELECT title FROM contacts WHERE workspace_id = ? AND email = 'twice@order.test'")
			.param(account.workspaceId())
			.query(String.class)
			.single()).isEqualTo("Later");
	}

}
