package com.penguinmails.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Calls the REST API with one API key: {@code api.post("/api/v1/contacts", "{...}")}
 * returns the status and the parsed body, so API tests read as requests and checks.
 */
public final class Api {

	/** A response: its status, body (parsed when JSON) and headers. */
	public record Response(int status, JsonNode body, MockHttpServletResponse raw) {

		public String header(String name) {
			return raw.getHeader(name);
		}

	}

	private final MockMvc mvc;

	private final ObjectMapper json;

	private final String key;

	private final OpenApiContract contract;

	Api(MockMvc mvc, ObjectMapper json, String key) {
		this(mvc, json, key, null);
	}

	private Api(MockMvc mvc, ObjectMapper json, String key, OpenApiContract contract) {
		this.mvc = mvc;
		this.json = json;
		this.key = key;
		this.contract = contract;
	}

	/** The same client, with every call also validated against {@code contract}. */
	public Api checkedBy(OpenApiContract contract) {
		return new Api(mvc, json, key, contract);
	}

	public Response put(String path, String body) throws Exception {
		return send(MockMvcRequestBuilders.put(path).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	public Response get(String path, String... params) throws Exception {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.get(path);
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return send(request);
	}

	public Response post(String path, String body) throws Exception {
		return send(MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	public Response patch(String path, String body) throws Exception {
		return send(MockMvcRequestBuilders.patch(path).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	public Response delete(String path) throws Exception {
		return send(MockMvcRequestBuilders.delete(path));
	}

	public Response send(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = mvc.perform(request.header("Authorization", "Bearer " + key)).andReturn();
		if (result.getRequest().isAsyncStarted()) {
			// A streamed body (StreamingResponseBody): wait for it, then finish the
			// exchange as the container would.
			result.getAsyncResult(120_000);
			result = mvc.perform(MockMvcRequestBuilders.asyncDispatch(result)).andReturn();
		}
		if (contract != null) {
			contract.check(result);
		}
		MockHttpServletResponse response = result.getResponse();
		String text = response.getContentAsString();
		JsonNode body = text.isBlank() || !String.valueOf(response.getContentType()).contains("json") ? json.nullNode()
				: json.readTree(text);
		return new Response(response.getStatus(), body, response);
	}

}
