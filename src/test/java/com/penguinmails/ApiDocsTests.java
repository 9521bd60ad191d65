package com.penguinmails;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

@IntegrationTest
class ApiDocsTests {

	@Autowired
	MockMvc mvc;

	@Test
	void openApiDocumentAndUiArePublic() throws Exception {
		String document = mvc.perform(get("/api/docs/openapi.json")).andReturn().getResponse().getContentAsString();
		assertThat(document).contains("/api/v1/me", "/api/v1/api-keys", "/api/v1/audit-events", "bearer");
		String ui = mvc.perform(get("/api/docs")).andReturn().getResponse().getRedirectedUrl();
		assertThat(ui).contains("swagger-ui/index.html");
		assertThat(mvc.perform(get("/api/swagger-ui/index.html")).andReturn().getResponse().getStatus()).isEqualTo(200);
	}

	@Test
	void healthAndPrometheusMetricsAreServed() throws Exception {
		assertThat(mvc.perform(get("/actuator/health")).andReturn().getResponse().getContentAsString()).contains("UP");
		assertThat(mvc.perform(get("/actuator/prometheus").with(httpBasic("metrics", "test-scrape-password")))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("jvm_memory_used_bytes");
	}

}
