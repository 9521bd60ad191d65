package com.penguinmails.identity;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Health is open to probes; metrics and every other actuator endpoint need the scrape
 * credentials (HTTP Basic), not a user's login.
 */
@IntegrationTest
class ActuatorSecurityTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Test
	void metricsNeedTheScrapeCredentialsAndHealthStaysOpen() throws Exception {
		assertThat(mvc.perform(get("/actuator/health")).andReturn().getResponse().getStatus()).isEqualTo(200);
		assertThat(mvc.perform(get("/actuator/health/liveness")).andReturn().getResponse().getStatus()).isEqualTo(200);

		var anonymous = mvc.perform(get("/actuator/prometheus")).andReturn().getResponse();
		assertThat(anonymous.getStatus()).isEqualTo(401);
		assertThat(anonymous.getHeader("WWW-Authenticate")).startsWith("Basic");
		assertThat(anonymous.getContentAsString()).doesNotContain("jvm_memory_used_bytes");
		assertThat(mvc.perform(get("/actuator/info")).andReturn().getResponse().getStatus()).isEqualTo(401);
		assertThat(mvc.perform(get("/actuator/prometheus").with(httpBasic("metrics", "wrong")))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(401);

		// A signed-in user's session is not a scrape credential either.
		var user = fixtures.signedIn(fixtures.verifiedAccount("metrics-user")).get("/actuator/prometheus");
		assertThat(user.getResponse().getStatus()).isEqualTo(401);

		assertThat(mvc.perform(get("/actuator/prometheus").with(httpBasic("metrics", "test-scrape-password")))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("jvm_memory_used_bytes");
	}

}
