package com.penguinmails.identity;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.penguinmails.identity.internal.ApiKeyService;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

@IntegrationTest
class ApiKeyTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	@Autowired
	ApiKeyService keys;

	@Test
	void keyIsShownOnceStoredAsHashAndAuthenticatesTheApi() throws Exception {
		Account account = fixtures.verifiedAccount("keys");
		String key = fixtures.apiKey(account, "workspace:read", "api_keys:write");
		assertThat(key).startsWith("pm_").hasSize(46);
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM api_keys WHERE secret_hash::text LIKE ?")
			.param("%" + key + "%")
			.query(Long.class)
			.single()).isZero();

		MvcResult me = mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + key)).andReturn();
		assertThat(me.getResponse().getStatus()).isEqualTo(200);
		JsonNode body = json.readTree(me.getResponse().getContentAsString());
		assertThat(body.at("/user/email").asText()).isEqualTo(account.email());
		assertThat(body.at("/workspace/id").asText()).isEqualTo(account.workspaceId().toString());
		assertThat(body.at("/apiKey/scopes").toString()).contains("api_keys:read", "api_keys:write");

		// The list never returns a secret, and shows the last use.
		String list = mvc.perform(get("/api/v1/api-keys").header("Authorization", "Bearer " + key))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(list).doesNotContain(key).contains("lastUsedAt");
	}

	@Test
	void missingWrongAndRevokedKeysAre401WithProblemDetails() throws Exception {
		Account account = fixtures.verifiedAccount("revoked");
		MvcResult none = mvc.perform(get("/api/v1/me")).andReturn();
		assertThat(none.getResponse().getStatus()).isEqualTo(401);
		assertThat(none.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(none.getResponse().getHeader("WWW-Authenticate")).isEqualTo("Bearer");

		assertThat(mvc.perform(get("/api/v1/me").header("Authorization", "Bearer pm_not-a-real-key"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(401);

		String key = fixtures.apiKey(account, "api_keys:write");
		String created = mvc
			.perform(post("/api/v1/api-keys").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"short-lived\",\"scopes\":[\"api_keys:read\"]}"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode node = json.readTree(created);
		String secondKey = node.get("secret").asText();
		String secondId = node.at("/key/id").asText();
		assertThat(mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + secondKey))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
		assertThat(mvc.perform(delete("/api/v1/api-keys/" + secondId).header("Authorization", "Bearer " + key))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(204);
		assertThat(mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + secondKey))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(401);
	}

	@Test
	void scopesLimitWhatAKeyMayDo() throws Exception {
		Account account = fixtures.verifiedAccount("scoped");
		String readOnly = fixtures.apiKey(account, "members:read");
		assertThat(mvc.perform(get("/api/v1/members").header("Authorization", "Bearer " + readOnly))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
		MvcResult denied = mvc
			.perform(post("/api/v1/invitations").header("Authorization", "Bearer " + readOnly)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\":\"x@example.com\",\"role\":\"MEMBER\"}"))
			.andReturn();
		assertThat(denied.getResponse().getStatus()).isEqualTo(403);
		assertThat(json.readTree(denied.getResponse().getContentAsString()).get("type").asText())
			.endsWith("/problems/forbidden");
	}

	@Test
	void aReadOnlyKeyCannotRemoveItsOwnCreator() throws Exception {
		Account owner = fixtures.verifiedAccount("selfremove");
		Account admin = fixtures.verifiedAccount("selfremove-admin");
		fixtures.join(owner, admin, WorkspaceRole.ADMIN);
		String adminKey = keys
			.create(new Tenant(owner.workspaceId(), admin.userId(), WorkspaceRole.ADMIN, Set.of(), null), "read only",
					List.of("members:read"), "127.0.0.1")
			.secret();
		assertThat(
				mvc.perform(delete("/api/v1/members/" + admin.userId()).header("Authorization", "Bearer " + adminKey))
					.andReturn()
					.getResponse()
					.getStatus())
			.isEqualTo(403);
	}

	@Test
	void invalidRequestsGet400ProblemDetails() throws Exception {
		Account account = fixtures.verifiedAccount("badreq");
		String key = fixtures.apiKey(account, "api_keys:write");
		MvcResult unknownScope = mvc
			.perform(post("/api/v1/api-keys").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"x\",\"scopes\":[\"everything:write\"]}"))
			.andReturn();
		assertThat(unknownScope.getResponse().getStatus()).isEqualTo(400);
		assertThat(unknownScope.getResponse().getContentAsString()).contains("Unknown scope");
		MvcResult missingName = mvc
			.perform(post("/api/v1/api-keys").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"scopes\":[\"api_keys:read\"]}"))
			.andReturn();
		assertThat(missingName.getResponse().getStatus()).isEqualTo(400);
		assertThat(missingName.getResponse().getContentAsString()).contains("name");
	}

	@Test
	void eachKeyIsRateLimitedWith429AndHeaders() throws Exception {
		Account account = fixtures.verifiedAccount("ratelimit");
		String key = fixtures.apiKey(account, "workspace:read");
		MvcResult first = mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + key)).andReturn();
		assertThat(first.getResponse().getHeader("RateLimit-Limit")).isEqualTo("50");
		assertThat(first.getResponse().getHeader("RateLimit-Remaining")).isEqualTo("49");
		assertThat(first.getResponse().getHeader("RateLimit-Reset")).isNotNull();

		MvcResult limited = null;
		for (int i = 0; i < 200 && limited == null; i++) {
			MvcResult result = mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + key)).andReturn();
			if (result.getResponse().getStatus() == 429) {
				limited = result;
			}
		}
		assertThat(limited).as("a 429 within 200 quick requests").isNotNull();
		assertThat(Integer.parseInt(limited.getResponse().getHeader("Retry-After"))).isPositive();
		assertThat(limited.getResponse().getHeader("RateLimit-Remaining")).isEqualTo("0");
		assertThat(limited.getResponse().getContentType()).startsWith("application/problem+json");

		// Another key has its own bucket.
		String other = fixtures.apiKey(account, "workspace:read");
		assertThat(mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + other))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
	}

	@Test
	void keysArePagesForAdminsOnly() throws Exception {
		Account account = fixtures.verifiedAccount("keypage");
		var session = fixtures.signedIn(account);
		MvcResult created = session.post("/settings/api-keys", "name", "zapier", "scopes", "members:read");
		String page = created.getResponse().getContentAsString();
		assertThat(page).contains("shown only once").containsPattern("pm_[A-Za-z0-9_-]{43}");
		assertThat(session.get("/settings/api-keys").getResponse().getContentAsString())
			.doesNotContainPattern("pm_[A-Za-z0-9_-]{43}")
			.contains("zapier");
	}

}
