package com.penguinmails.contacts;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Imports of real byte files in the encodings and delimiters spreadsheets write
 * (src/test/resources/contacts/imports; csv_*.csv are the inputs of public bug reports).
 */
@IntegrationTest
class ContactImportEncodingTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ObjectMapper json;

	@Autowired
	Suppressions suppressions;

	private static byte[] file(String name) throws IOException {
		try (InputStream in = ContactImportEncodingTests.class.getResourceAsStream("/contacts/imports/" + name)) {
			return in.readAllBytes();
		}
	}

	private MvcResult start(String key, byte[] csv, String... params) throws Exception {
		var request = post("/api/v1/contacts/imports").header("Authorization", "Bearer " + key)
			.contentType("text/csv")
			.content(csv);
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return mvc.perform(request).andReturn();
	}

	private JsonNode importAndWait(String key, byte[] csv, String... params) throws Exception {
		MvcResult started = start(key, csv, params);
		return ImportJobs.finished(mvc, json, key, started);
	}

	/** The workspace's contacts by lower-case address. */
	private Map<String, JsonNode> contacts(String key) throws Exception {
		JsonNode list = json
			.readTree(mvc.perform(get("/api/v1/contacts?limit=100").header("Authorization", "Bearer " + key))
				.andReturn()
				.getResponse()
				.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
		Map<String, JsonNode> byEmail = new HashMap<>();
		list.get("data").forEach(c -> byEmail.put(c.get("email").asText().toLowerCase(), c));
		return byEmail;
	}

	private String key(String name) {
		Account account = fixtures.verifiedAccount(name);
		return fixtures.apiKey(account, "contacts:write", "contacts:read");
	}

	@Test
	void utf16WithByteOrderMarksImportsAndTheJobNamesTheEncoding() throws Exception {
		String key = key("utf16");
		JsonNode le = importAndWait(key, file("utf16le_bom.csv"));
		assertThat(le.get("status").asText()).isEqualTo("done");
		assertThat(le.get("inserted").asInt()).isEqualTo(2);
		assertThat(le.get("encoding").asText()).isEqualTo("UTF-16LE");
		assertThat(le.get("encodingSource").asText()).isEqualTo("bom");
		JsonNode be = importAndWait(key, file("utf16be_bom.csv"));
		assertThat(be.get("encoding").asText()).isEqualTo("UTF-16BE");
		Map<String, JsonNode> contacts = contacts(key);
		assertThat(contacts.get("zoe.lefevre@t11.example.test").get("lastName").asText()).isEqualTo("Lefèvre");
		assertThat(contacts.get("soren@t11.example.test").get("firstName").asText()).isEqualTo("Søren");
		assertThat(contacts.get("juergen@t12.example.test").get("lastName").asText()).isEqualTo("Groß");
		assertThat(contacts.get("naoko@t12.example.test").get("firstName").asText()).isEqualTo("直子");
	}

	@Test
	void windows1252WithAccentsAndTheEuroSignIsDetected() throws Exception {
		String key = key("cp1252");
		JsonNode job = importAndWait(key, file("windows1252_euro.csv"));
		assertThat(job.get("status").asText()).isEqualTo("done");
		assertThat(job.get("encoding").asText()).isEqualTo("windows-1252");
		assertThat(job.get("encodingSource").asText()).isEqualTo("detected");
		JsonNode corpus = importAndWait(key, file("csv_windows1252.csv"));
		assertThat(corpus.get("encoding").asText()).isEqualTo("windows-1252");
		Map<String, JsonNode> contacts = contacts(key);
		assertThat(contacts.get("rene@t13.example.test").get("company").asText()).isEqualTo("Café € Bar");
		assertThat(contacts.get("francoise@t13.example.test").get("company").asText()).isEqualTo("“Crème” Brûlée – Co");
		assertThat(contacts.get("rene.cp@t02.example.test").get("firstName").asText()).isEqualTo("René");
		assertThat(contacts.get("rene.cp@t02.example.test").get("company").asText()).isEqualTo("Café – Bar");
		assertThat(contacts.values().toString()).doesNotContain("\uFFFD");
	}

	@Test
	void iso8859OneAndTwoAreDetected() throws Exception {
		String key = key("latin");
		assertThat(importAndWait(key, file("iso8859_1.csv")).get("encoding").asText()).isIn("ISO-8859-1",
				"windows-1252");
		assertThat(importAndWait(key, file("iso8859_2.csv")).get("encoding").asText()).isEqualTo("ISO-8859-2");
		Map<String, JsonNode> contacts = contacts(key);
		assertThat(contacts.get("angel@t14.example.test").get("lastName").asText()).isEqualTo("Núñez");
		assertThat(contacts.get("lukasz@t15.example.test").get("firstName").asText()).isEqualTo("Łukasz");
		assertThat(contacts.get("zdenek@t15.example.test").get("lastName").asText()).isEqualTo("Dvořák");
		assertThat(contacts.get("istvan@t15.example.test").get("lastName").asText()).isEqualTo("Szőke");
	}

	@Test
	void utf8WithByteOrderMarkImports() throws Exception {
		String key = key("utf8bom");
		JsonNode job = importAndWait(key, file("utf8_bom.csv"));
		assertThat(job.get("encoding").asText()).isEqualTo("UTF-8");
		assertThat(job.get("encodingSource").asText()).isEqualTo("bom");
		assertThat(contacts(key).get("maelle@t19.example.test").get("lastName").asText()).isEqualTo("Ørsted");
	}

	@Test
	void semicolonTabAndPipeDelimitersAreGuessed() throws Exception {
		String key = key("delimiters");
		JsonNode semicolon = importAndWait(key, file("semicolon.csv"));
		assertThat(semicolon.get("status").asText()).isEqualTo("done");
		assertThat(semicolon.get("delimiter").asText()).isEqualTo(";");
		assertThat(importAndWait(key, file("tab.tsv")).get("delimiter").asText()).isEqualTo("tab");
		assertThat(importAndWait(key, file("pipe.csv")).get("delimiter").asText()).isEqualTo("|");
		Map<String, JsonNode> contacts = contacts(key);
		assertThat(contacts.get("anna@t16.example.test").get("company").asText()).isEqualTo("Müller, Söhne & Co");
		assertThat(contacts.get("carl@t17.example.test").get("company").asText()).isEqualTo("A, B and C");
		assertThat(contacts).containsKey("eva@t18.example.test");
	}

	@Test
	void anExcelSepLineNamesTheDelimiterAndIsNotTheHeader() throws Exception {
		String key = key("excelsep");
		JsonNode job = importAndWait(key, file("excel_sep_line.csv"));
		assertThat(job.get("status").asText()).isEqualTo("done");
		assertThat(job.get("delimiter").asText()).isEqualTo(";");
		assertThat(job.get("inserted").asInt()).isEqualTo(1);
		// Line numbers are the file's: the sep= line counts.
		assertThat(job.get("errors").get(0).get("line").asInt()).isEqualTo(4);
		assertThat(contacts(key).get("karl@t20.example.test").get("custom").get("firma").asText())
			.isEqualTo("Müller & Söhne GmbH");
	}

	@Test
	void aWrongDelimiterFailsWithAHintToSetIt() throws Exception {
		JsonNode job = importAndWait(key("wrongdelimiter"), file("semicolon.csv"), "delimiter", ",");
		assertThat(job.get("status").asText()).isEqualTo("failed");
		assertThat(job.get("message").asText()).contains("set delimiter to \";\"");
	}

	@Test
	void theUserCanNameTheEncodingAndAnUnknownNameIsA400() throws Exception {
		String key = key("override");
		JsonNode job = importAndWait(key, file("iso8859_2.csv"), "encoding", "ISO-8859-2");
		assertThat(job.get("encoding").asText()).isEqualTo("ISO-8859-2");
		assertThat(job.get("encodingSource").asText()).isEqualTo("given");
		MvcResult unknown = start(key, file("iso8859_2.csv"), "encoding", "klingon-8");
		assertThat(unknown.getResponse().getStatus()).isEqualTo(400);
		assertThat(unknown.getResponse().getContentType()).contains("application/problem+json");
		assertThat(unknown.getResponse().getContentAsString()).contains("unknown-encoding", "klingon-8");
	}

	@Test
	void bytesNotValidInTheNamedEncodingFailTheImportInsteadOfBecomingReplacementCharacters() throws Exception {
		String key = key("badbytes");
		JsonNode job = importAndWait(key, file("windows1252_euro.csv"), "encoding", "UTF-8");
		assertThat(job.get("status").asText()).isEqualTo("failed");
		assertThat(job.get("message").asText()).contains("not valid", "UTF-8");
		assertThat(contacts(key).values().toString()).doesNotContain("\uFFFD");
	}

	@Test
	void anIdnAddressImportsInNormalFormAndBothSpellingsAreOneContact() throws Exception {
		Account account = fixtures.verifiedAccount("idn");
		String key = fixtures.apiKey(account, "contacts:write", "contacts:read");
		JsonNode job = importAndWait(key, file("csv_idn_domain.csv"));
		assertThat(job.get("status").asText()).isEqualTo("done");
		assertThat(job.get("inserted").asInt()).isEqualTo(1);
		String stored = "lena@" + java.net.IDN.toASCII("müller-t06.example.test");
		assertThat(contacts(key)).containsKey(stored);
		// Shown to a person with the domain in Unicode.
		assertThat(fixtures.signedIn(account)
			.get("/contacts")
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains(">lena@müller-t06.example.test<");
		// The same address with its domain typed as an A-label, or in capitals: one
		// contact.
		JsonNode again = importAndWait(key,
				("email,first_name\n" + stored + ",Lena M\nlena@MÜLLER-T06.example.test,Lena" + " Müller\n")
					.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(again.get("inserted").asInt()).isZero();
		assertThat(again.get("updated").asInt()).isEqualTo(2);
		assertThat(contacts(key)).hasSize(1);
		suppressions.suppress(account.workspaceId(), "lena@müller-t06.example.test", "manual");
		assertThat(suppressions.isSuppressed(account.workspaceId(), stored)).isTrue();
	}

	private String upload(com.penguinmails.support.WebSession session, String name, String... params) throws Exception {
		var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.multipart("/contacts/import/upload")
			.file(new org.springframework.mock.web.MockMultipartFile("file", name, "text/csv", file(name)))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf());
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return session.perform(request).getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
	}

	@Test
	void theImportPagesSayWhichEncodingAndDelimiterAreUsedAndTakeAnOverride() throws Exception {
		Account account = fixtures.verifiedAccount("encoding-pages");
		com.penguinmails.support.WebSession session = fixtures.signedIn(account);
		String mapping = upload(session, "windows1252_euro.csv", "delimiter", "auto");
		assertThat(mapping).contains("Read as <strong>windows-1252</strong>").contains("detected");
		String token = mapping.replaceAll("(?s).*name=\"token\" value=\"([0-9a-f-]+)\".*", "$1");
		String location = session
			.post("/contacts/import/start", "token", token, "delimiter", ",", "encoding", "windows-1252", "duplicates",
					"update")
			.getResponse()
			.getRedirectedUrl();
		assertThat(location).startsWith("/contacts/imports/");
		await().until(() -> session.get(location + "/progress").getResponse().getContentAsString().contains("done"));
		String job = session.get(location).getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(job).contains("Read as <strong>windows-1252</strong>").contains("as named");
		assertThat(session.get("/contacts").getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
			.contains("Café € Bar");

		// The mapping page shows the first rows as read; the detected encoding posted
		// back
		// unchanged stays "detected".
		String again = upload(session, "windows1252_euro.csv", "delimiter", "auto");
		assertThat(again).contains("First rows, as read").contains("Café € Bar");
		String second = session
			.post("/contacts/import/start", "token",
					again.replaceAll("(?s).*name=\"token\" value=\"([0-9a-f-]+)\".*", "$1"), "delimiter", ",",
					"encoding", "windows-1252", "detectedEncoding", "windows-1252", "duplicates", "update")
			.getResponse()
			.getRedirectedUrl();
		await().until(() -> session.get(second + "/progress").getResponse().getContentAsString().contains("done"));
		assertThat(session.get(second).getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
			.contains("Read as <strong>windows-1252</strong>")
			.contains("detected");

		// A semicolon file is split on its own delimiter; an unknown encoding is named.
		assertThat(upload(session, "semicolon.csv")).contains("separated by <strong>;</strong>");
		assertThat(upload(session, "semicolon.csv", "encoding", "klingon-8"))
			.contains("Unknown encoding &quot;klingon-8&quot;");
		assertThat(upload(session, "windows1252_euro.csv", "encoding", "UTF-8")).contains("could not be read as UTF-8");
	}

}
