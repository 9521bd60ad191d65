package com.penguinmails.inbound;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.mailboxes.ProviderProperties;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The token bucket on each provider webhook endpoint: beyond the burst, 429 with
 * {@code Retry-After} and an RFC 9457 problem, nothing of the request stored; another
 * endpoint keeps its own bucket.
 */
@IntegrationTest
class ProviderWebhookRateLimitTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	MockMvc mvc;

	@Autowired
	ProviderProperties properties;

	@Autowired
	Fixtures fixtures;

	private MockHttpServletResponse postTo(String token, String body) throws Exception {
		return mvc
			.perform(post("/webhooks/providers/mailgun/" + token).contentType(MediaType.APPLICATION_JSON).content(body))
			.andReturn()
			.getResponse();
	}

	@Test
	void anEndpointFloodedBeyondItsBurstAnswers429WithRetryAfterAndStoresNothing() throws Exception {
		String token = "flood-" + UUID.randomUUID();
		String marker = "flood-marker-" + UUID.randomUUID();
		String body = "{\"signature\": {}, \"event-data\": {\"event\": \"delivered\", \"id\": \"" + marker + "\"}}";
		int burst = properties.webhookBurst();
		MockHttpServletResponse limited = null;
		int sent = 0;
		while (limited == null && sent < burst * 5) {
			MockHttpServletResponse response = postTo(token, body);
			sent++;
			if (response.getStatus() == 429) {
				limited = response;
			}
		}

		assertThat(limited).as("no 429 after %d requests", sent).isNotNull();
		assertThat(sent).isGreaterThan(burst);
		assertThat(limited.getHeader("Retry-After")).matches("[1-9][0-9]*");
		assertThat(limited.getContentType()).startsWith("application/problem+json");
		JsonNode problem = JSON.readTree(limited.getContentAsString());
		assertThat(problem.path("status").asInt()).isEqualTo(429);
		assertThat(problem.path("type").asText()).endsWith("/rate-limited");
		assertThat(problem.path("detail").asText()).contains("Retry after");
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM provider_events WHERE body LIKE ?")
			.param("%" + marker + "%")
			.query(Long.class)
			.single()).isZero();

		assertThat(postTo("other-" + UUID.randomUUID(), body).getStatus()).isNotEqualTo(429);
	}

}
