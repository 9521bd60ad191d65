package com.penguinmails.domains;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

@IntegrationTest
class DomainImportTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ObjectMapper json;

	@Test
	void fiftyFiveDomainsImportEachWithItsOwnKeyAndBadRowsAreReportedByLine() throws Exception {
		Account account = fixtures.verifiedAccount("bulk");
		String key = fixtures.apiKey(account, "domains:write");
		String run = UUID.randomUUID().toString().substring(0, 6);
		StringBuilder csv = new StringBuilder("\uFEFFname,receives_mail,mx_hosts,spf_mechanisms\n");
		for (int i = 0; i < 55; i++) {
			csv.append("c").append(i).append("-").append(run).append(".test,,,\n");
		}
		csv.append("sub.c1-")
			.append(run)
			.append(".test,true,mx.c1-")
			.append(run)
			.append(".test,include:spf.protection.outlook.com\n");
		csv.append("not a domain,,,\n"); // line 58
		csv.append("c0-").append(run).append(".test,,,\n"); // line 59: a duplicate
		csv.append("\"quoted\nname.test\",,,\n"); // a newline inside quotes: an invalid
													// name, lines 60-61
		csv.append("last-").append(run).append(".test,,,\n");

		String body = mvc
			.perform(post("/api/v1/domains/import").header("Authorization", "Bearer " + key)
				.contentType("text/csv")
				.content(csv.toString()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode result = json.readTree(body);
		assertThat(result.get("created").asInt()).isEqualTo(57);
		assertThat(result.get("failed").asInt()).isEqualTo(3);
		JsonNode rows = result.get("rows");
		assertThat(rows.get(0).get("line").asLong()).isEqualTo(2);
		assertThat(rows.get(0).get("name").asText()).isEqualTo("c0-" + run + ".test");
		assertThat(rows.get(55).get("domain").get("receivesMail").asBoolean()).isTrue();
		assertThat(rows.get(56).get("line").asLong()).isEqualTo(58);
		assertThat(rows.get(56).get("message").asText()).contains("not a valid domain name");
		assertThat(rows.get(57).get("line").asLong()).isEqualTo(59);
		assertThat(rows.get(57).get("message").asText()).contains("already connected");
		assertThat(rows.get(58).get("status").asText()).isEqualTo("error");
		assertThat(rows.get(59).get("status").asText()).isEqualTo("created");

		Long keys = fixtures.jdbc()
			.sql("SELECT count(DISTINCT k.public_key) FROM dkim_keys k JOIN domains d ON d.id = k.domain_id WHERE d.workspace_id = ?")
			.param(account.workspaceId())
			.query(Long.class)
			.single();
		assertThat(keys).isEqualTo(57);
	}

	@Test
	void thePageImportsAFileWithoutHeaderAndAppliesTheDefaults() throws Exception {
		Account account = fixtures.verifiedAccount("bulk-page");
		WebSession session = fixtures.signedIn(account);
		String run = UUID.randomUUID().toString().substring(0, 6);
		MockMultipartFile file = new MockMultipartFile("file", "domains.csv", "text/csv",
				("p1-" + run + ".test\n\np2-" + run + ".test\n").getBytes());
		String page = session
			.perform(multipart("/domains/import").file(file)
				.param("spfMechanisms", "include:_spf.example.net")
				.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
					.csrf()))
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("2</span> added, <span>0</span> with errors");
		assertThat(fixtures.jdbc()
			.sql("SELECT spf_mechanisms FROM domains WHERE name = ?")
			.param("p2-" + run + ".test")
			.query(String.class)
			.single()).isEqualTo("include:_spf.example.net");
	}

}
