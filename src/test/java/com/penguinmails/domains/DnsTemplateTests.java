package com.penguinmails.domains;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

@IntegrationTest
class DnsTemplateTests {

	@Autowired
	DnsTemplates templates;

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	@Autowired
	Fixtures fixtures;

	@Test
	void aTemplateFillsWhatTheDomainLeavesEmptyInTheApiAndTheImport() throws Exception {
		Account account = fixtures.verifiedAccount("templates");
		String key = fixtures.apiKey(account, "domains:write");
		mvc.perform(post("/api/v1/domains/templates").header("Authorization", "Bearer " + key)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"Agency\",\"spfMechanisms\":\"include:_spf.google.com include:sendgrid.net\","
					+ "\"receivesMail\":true,\"mxHosts\":\"aspmx.l.google.com\"}"))
			.andReturn();
		String name = "tpl-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		JsonNode domain = json.readTree(mvc
			.perform(post("/api/v1/domains").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"" + name + "\",\"template\":\"agency\"}"))
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(domain.get("spfMechanisms").asText()).isEqualTo("include:_spf.google.com include:sendgrid.net");
		assertThat(domain.get("receivesMail").asBoolean()).isTrue();
		assertThat(domain.get("mxHosts").asText()).isEqualTo("aspmx.l.google.com");

		String csv = "name,template\nimp-" + name + ",Agency\nbad-" + name + ",Nope\n";
		JsonNode result = json
			.readTree(mvc.perform(post("/api/v1/domains/import").header("Authorization", "Bearer " + key)
				.contentType("text/csv")
				.content(csv)).andReturn().getResponse().getContentAsString());
		assertThat(result.get("rows").get(0).get("domain").get("spfMechanisms").asText()).contains("sendgrid.net");
		assertThat(result.get("rows").get(1).get("message").asText()).contains("No DNS template named Nope");

		// Another workspace cannot use or delete it.
		Account other = fixtures.verifiedAccount("templates-other");
		UUID id = templates.list(account.owner()).get(0).id();
		assertThatThrownBy(() -> templates.delete(other.owner(), id)).isInstanceOf(NotFoundProblem.class);
	}

}
