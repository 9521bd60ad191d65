package com.penguinmails.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** Waiting for a contact import job started through the API. */
final class ImportJobs {

	private ImportJobs() {
	}

	/**
	 * The job once it is no longer running, polled at the {@code Location} of its 202
	 * answer with the API key that started it.
	 */
	static JsonNode finished(MockMvc mvc, ObjectMapper json, String key, MvcResult started) throws Exception {
		assertThat(started.getResponse().getStatus()).as(started.getResponse().getContentAsString()).isEqualTo(202);
		String location = started.getResponse().getHeader("Location");
		JsonNode[] job = new JsonNode[1];
		await().until(() -> {
			job[0] = json.readTree(mvc.perform(get(location).header("Authorization", "Bearer " + key))
				.andReturn()
				.getResponse()
				.getContentAsString());
			return !job[0].get("status").asText().equals("running");
		});
		return job[0];
	}

}
