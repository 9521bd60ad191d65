package com.penguinmails.certificates;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The HTTP-01 answer (RFC 8555 §8.3): any node answers from the database, on any host (a
 * tracking host included), with no login.
 */
@IntegrationTest
class ChallengeEndpointTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	@Autowired
	PenguinMailsProperties app;

	private String challenge(String token, String answer, Instant expiresAt) {
		fixtures.jdbc()
			.sql("INSERT INTO acme_challenges (token, key_authorization, host, expires_at) VALUES (?, ?, ?, ?)")
			.params(token, answer, "track.example.test", Timestamp.from(expiresAt))
			.update();
		return token;
	}

	@Test
	void theRightTokenGetsExactlyItsKeyAuthorizationWithoutALogin() throws Exception {
		String token = challenge("tok-" + UUID.randomUUID(), "abc_DEF-123.thumbprint_XYZ",
				Instant.now().plusSeconds(600));
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/.well-known/acme-challenge/" + token)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("abc_DEF-123.thumbprint_XYZ");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
		assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
	}

	@Test
	void aTrackingHostAnswersTheChallengeToo() throws Exception {
		String token = challenge("tok-" + UUID.randomUUID(), "on-a-tracking-host.thumb",
				Instant.now().plusSeconds(600));
		MockHttpServletResponse response = mvc
			.perform(get("/.well-known/acme-challenge/" + token).header("Host", "track.anything.test"))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).isEqualTo("on-a-tracking-host.thumb");
	}

	@Test
	void anUnknownOrExpiredTokenIsNotFound() throws Exception {
		String expired = challenge("tok-" + UUID.randomUUID(), "old.thumb", Instant.now().minusSeconds(1));
		for (String token : new String[] { "no-such-token", expired, "bad.token", "" }) {
			MockHttpServletResponse response = mvc.perform(get("/.well-known/acme-challenge/" + token))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).as(token).isEqualTo(404);
			assertThat(response.getContentAsString()).as(token).doesNotContain("thumb");
		}
	}

}
